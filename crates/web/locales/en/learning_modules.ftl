# Learning: modules.
