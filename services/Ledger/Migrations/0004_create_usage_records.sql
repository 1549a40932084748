-- One row per settled call, partitioned by month so a year of a busy deployment stays fast to query and old
-- months can be detached or dropped whole. request_id is unique through holds (one settlement per hold).
CREATE TABLE usage_records (
    request_id text NOT NULL,
    account_id uuid NOT NULL,
    key_id text,
    channel_id text,
    model text NOT NULL,
    prompt_tokens bigint NOT NULL,
    completion_tokens bigint NOT NULL,
    cached_tokens bigint NOT NULL,
    cache_write_tokens bigint NOT NULL,
    audio_input_tokens bigint NOT NULL,
    audio_output_tokens bigint NOT NULL,
    calls integer NOT NULL,
    cost bigint NOT NULL,
    charged bigint NOT NULL,
    written_off bigint NOT NULL,
    price_version integer NOT NULL,
    price_snapshot jsonb NOT NULL,
    upload_ms integer,
    duration_ms integer,
    client_ip inet,
    status text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, created_at)
) PARTITION BY RANGE (created_at);

-- Indexes for reading usage back (UsageQueryStore). Pages run newest first on (created_at, request_id), and a page
-- token is a row comparison on that pair, so the index holds both: a deep page starts at its token instead of scanning
-- the pages before it. Model and key filters get their own index, so a rare model in a busy account does not scan the
-- account's whole range. Every index is per partition.
CREATE INDEX usage_records_account_time ON usage_records (account_id, created_at, request_id);
CREATE INDEX usage_records_account_model_time ON usage_records (account_id, model, created_at, request_id);
CREATE INDEX usage_records_account_key_time ON usage_records (account_id, key_id, created_at, request_id);

-- Creates the partitions of the current month and the next p_months_ahead months (UTC) that do not exist yet.
-- Two callers at once (replicas, or a start-up run next to an explicit one) could both see a month missing and one
-- would fail with "already exists": the lock makes them take turns, so the later one finds the partition.
CREATE FUNCTION ensure_usage_partitions(p_months_ahead integer) RETURNS integer
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

SELECT ensure_usage_partitions(3);
