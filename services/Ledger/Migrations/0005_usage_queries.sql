-- Indexes for reading usage back (UsageQueryStore). Pages run newest first on (created_at, request_id), and a page
-- token is a row comparison on that pair, so the index holds both: a deep page starts at its token instead of scanning
-- the pages before it. This replaces the (account_id, created_at) index. Model and key filters get their own index,
-- so a rare model in a busy account does not scan the account's whole range. Every index is per partition.
DROP INDEX usage_records_account_time;
CREATE INDEX usage_records_account_time ON usage_records (account_id, created_at, request_id);
CREATE INDEX usage_records_account_model_time ON usage_records (account_id, model, created_at, request_id);
CREATE INDEX usage_records_account_key_time ON usage_records (account_id, key_id, created_at, request_id);

-- Two callers at once (replicas, or a start-up run next to an explicit one) could both see a month missing, and one
-- failed with "already exists"; the indexes above make creating a partition slower and that window wider. The lock
-- makes callers take turns, so the later one finds the partition.
CREATE OR REPLACE FUNCTION ensure_usage_partitions(p_months_ahead integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamp;
    partition_name text;
    created integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ensure_usage_partitions'));
    FOR i IN 0 .. p_months_ahead LOOP
        -- Month arithmetic on UTC wall-clock time, independent of the session's time zone.
        month_start := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i);
        partition_name := 'usage_records_' || to_char(month_start, 'YYYY_MM');
        IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF usage_records FOR VALUES FROM (%L) TO (%L)',
                partition_name, month_start AT TIME ZONE 'UTC', (month_start + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;
