-- Per-coach rows apart from the others. They grow with the number of coaches (96,000 for the
-- whole platform at 2,000 coaches over 24 months, against 800 rows for every other metric), and
-- even with an index by metric (0017) PostgreSQL's generic plan for a prepared read walked the
-- primary key through them. In their own table, a dashboard's reads of `stat_rollup` stay small
-- for any territory and any plan; the coach table is read for the most active coaches only.
CREATE TABLE stat_coach_rollup (
    territory_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    metric TEXT NOT NULL,
    dim TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (territory_id, metric, month, dim)
);
INSERT INTO stat_coach_rollup (territory_id, month, metric, dim, value)
SELECT territory_id, month, metric, dim, value FROM stat_rollup WHERE metric IN ('coach_accompaniments', 'coach_minutes');
DELETE FROM stat_rollup WHERE metric IN ('coach_accompaniments', 'coach_minutes');
DROP INDEX stat_rollup_metric;
