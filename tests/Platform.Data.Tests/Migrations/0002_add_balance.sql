ALTER TABLE accounts ADD COLUMN balance bigint NOT NULL DEFAULT 0;
-- Slow enough that replicas starting together overlap.
SELECT pg_sleep(0.2);
INSERT INTO migration_log (version) VALUES (2);
