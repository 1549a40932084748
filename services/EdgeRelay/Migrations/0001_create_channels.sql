-- Upstream channels. Few rows (tens), read whole by every edge replica at start, on every ChannelChanged and every 30 s.
CREATE TABLE channels (
    id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('openai', 'azure-openai', 'sim')),
    base_url text NOT NULL,
    api_version text,
    -- AES-256-GCM, each [version][12-byte nonce][16-byte tag][ciphertext] with the channel id authenticated; used round-robin.
    keys bytea[] NOT NULL CHECK (cardinality(keys) > 0),
    -- The last four characters of each key, all the admin API shows of them.
    key_hints text[] NOT NULL,
    -- Public model names; '*' serves any model.
    models text[] NOT NULL CHECK (cardinality(models) > 0),
    -- Public name -> the upstream's name, for the names that differ.
    model_map jsonb NOT NULL DEFAULT '{}',
    -- Higher first; weighted random among the channels of one priority.
    priority integer NOT NULL DEFAULT 0,
    weight integer NOT NULL DEFAULT 1 CHECK (weight > 0),
    no_native_streaming boolean NOT NULL DEFAULT false,
    enabled boolean NOT NULL DEFAULT true,
    -- 'auto' channels are probed and re-enabled when they answer again; 'operator' ones stay off.
    disabled_by text CHECK (disabled_by IN ('operator', 'auto')),
    disabled_reason text,
    -- Failures in a row that made the health monitor disable the channel.
    consecutive_failures integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK (enabled = (disabled_by IS NULL)),
    CHECK (cardinality(key_hints) = cardinality(keys)),
    CHECK (kind <> 'azure-openai' OR api_version IS NOT NULL)
);
