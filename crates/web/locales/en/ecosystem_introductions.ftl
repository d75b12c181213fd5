## ecosystem_introductions
