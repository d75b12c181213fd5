## Steering dashboard (/pilotage) and targets.
