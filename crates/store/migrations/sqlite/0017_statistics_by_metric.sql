-- Roll-up rows by metric: the dashboard of a large area reads a few metrics over many months
-- (cumulative figures, targets) and the per-coach rows apart. In primary-key order (territory,
-- month, metric, dim) both would step over every coach's rows of every month: 96,000 rows for
-- the whole platform at 2,000 coaches and 24 months, against 800 for everything else.
CREATE INDEX stat_rollup_metric ON stat_rollup (territory_id, metric, month, dim);
