# Learning: passport.
