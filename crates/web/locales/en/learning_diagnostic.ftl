# Learning: diagnostic.
