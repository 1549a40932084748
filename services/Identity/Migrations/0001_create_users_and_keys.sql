-- Secrets (API keys, management tokens) are stored only as the SHA-256 of their text, with a short prefix and the last
-- four characters for display. The secret itself is shown once and never reaches the database or a log.
CREATE TABLE users (
    id uuid PRIMARY KEY,
    email text,
    name text,
    -- The ledger owns memberships; this copy follows its MembershipChanged events. The tier lapses at tier_expires_at
    -- without a write, so readers derive the current tier from both columns.
    tier text NOT NULL CHECK (tier IN ('free', 'vip', 'premium')),
    tier_expires_at timestamptz,
    -- ChangedAt of the last membership event applied: an older event arriving late is ignored.
    tier_changed_at timestamptz,
    disabled_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT users_named CHECK (email IS NOT NULL OR name IS NOT NULL),
    CONSTRAINT users_free_has_no_expiry CHECK (tier <> 'free' OR tier_expires_at IS NULL)
);
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;

-- One per user, replaced on rotation.
CREATE TABLE management_tokens (
    user_id uuid PRIMARY KEY REFERENCES users (id),
    secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    display_prefix text NOT NULL,
    last_four text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
    -- UUIDv7: ordered by creation, so keyset pages need no second column.
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id),
    -- The unique index is the lookup of every authentication.
    secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    display_prefix text NOT NULL,
    last_four text NOT NULL,
    name text NOT NULL,
    allowed_models text[] NOT NULL,
    check_models boolean NOT NULL,
    admin boolean NOT NULL,
    search boolean NOT NULL,
    -- NULL: unlimited.
    quota_micro_coins bigint CHECK (quota_micro_coins >= 0),
    spent_micro_coins bigint NOT NULL DEFAULT 0 CHECK (spent_micro_coins >= 0),
    expires_at timestamptz,
    -- Canonical CIDRs; empty: any address.
    allowed_ips text[] NOT NULL,
    rpm_limit integer CHECK (rpm_limit > 0),
    tpm_limit integer CHECK (tpm_limit > 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    -- Deleting a key revokes it: the row stays so that authentication can say REVOKED rather than UNKNOWN.
    revoked_at timestamptz
);
CREATE INDEX api_keys_user_live ON api_keys (user_id, id DESC) WHERE revoked_at IS NULL;

-- The calls whose cost was added to a key's spending, so that a repeated RecordSpend adds nothing.
CREATE TABLE key_spends (
    request_id text PRIMARY KEY,
    key_id uuid NOT NULL REFERENCES api_keys (id),
    amount_micro_coins bigint NOT NULL CHECK (amount_micro_coins >= 0),
    recorded_at timestamptz NOT NULL
);
