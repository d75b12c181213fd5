## ecosystem_actors
