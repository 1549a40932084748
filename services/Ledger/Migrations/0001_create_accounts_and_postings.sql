-- Double entry: every movement is a journal entry whose postings sum to zero. A posting's amount is signed: positive
-- raises the account's balance, negative lowers it. Every account starts at zero, so the sum of all postings is zero.
CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('wallet', 'revenue', 'payment_clearing', 'operator_grants', 'write_offs')),
    -- Maintained for wallets only. Platform balances are sums of their postings, so no platform row is locked by
    -- every settlement (a single revenue row would serialise all of them).
    balance bigint,
    held bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_wallet_has_balance CHECK ((kind = 'wallet') = (balance IS NOT NULL AND held IS NOT NULL)),
    -- The last line of defence against overdrafts: the statements are written never to reach it.
    CONSTRAINT accounts_wallet_never_overdrawn CHECK (held >= 0 AND balance >= held)
);

INSERT INTO accounts (id, kind) VALUES
    ('00000000-0000-0000-0000-000000000001', 'revenue'),
    ('00000000-0000-0000-0000-000000000002', 'payment_clearing'),
    ('00000000-0000-0000-0000-000000000003', 'operator_grants'),
    ('00000000-0000-0000-0000-000000000004', 'write_offs');

CREATE TABLE journal_entries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('settle', 'credit')),
    -- The request_id of the operation that made the entry: at most one entry per operation.
    reference text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, reference)
);

CREATE TABLE postings (
    entry_id bigint NOT NULL REFERENCES journal_entries (id),
    account_id uuid NOT NULL REFERENCES accounts (id),
    amount bigint NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (entry_id, account_id)
);
CREATE INDEX postings_account_id ON postings (account_id);

-- Checked per statement over the whole entry, so neither a lopsided insert nor a second insert into an existing
-- entry can unbalance it.
CREATE FUNCTION postings_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced bigint;
BEGIN
    SELECT p.entry_id INTO unbalanced
    FROM postings p
    WHERE p.entry_id IN (SELECT DISTINCT n.entry_id FROM new_rows n)
    GROUP BY p.entry_id
    HAVING sum(p.amount) <> 0
    LIMIT 1;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance: its postings must sum to zero', unbalanced
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER postings_balanced AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION postings_check_balanced();

CREATE FUNCTION postings_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'postings are append-only: correct a mistake with a new journal entry'
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION postings_refuse_change();

-- The only writer of postings: one entry, its lines, and the wallets' maintained balances, in one call.
CREATE FUNCTION ledger_post(p_kind text, p_reference text, p_accounts uuid[], p_amounts bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    entry bigint;
BEGIN
    INSERT INTO journal_entries (kind, reference) VALUES (p_kind, p_reference) RETURNING id INTO entry;
    INSERT INTO postings (entry_id, account_id, amount)
    SELECT entry, line.account_id, line.amount
    FROM unnest(p_accounts, p_amounts) AS line (account_id, amount)
    WHERE line.amount <> 0;
    UPDATE accounts a
    SET balance = a.balance + line.amount
    FROM unnest(p_accounts, p_amounts) AS line (account_id, amount)
    WHERE a.id = line.account_id AND a.kind = 'wallet' AND line.amount <> 0;
    RETURN entry;
END
$$;

CREATE TABLE credits (
    request_id text PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    source_account_id uuid NOT NULL REFERENCES accounts (id),
    amount bigint NOT NULL CHECK (amount > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION ledger_credit(p_request_id text, p_account uuid, p_source uuid, p_amount bigint)
RETURNS TABLE (account_id uuid, source_account_id uuid, amount bigint, balance bigint, held bigint, replayed boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    INSERT INTO accounts (id, kind, balance, held) VALUES (p_account, 'wallet', 0, 0) ON CONFLICT (id) DO NOTHING;
    INSERT INTO credits (request_id, account_id, source_account_id, amount)
    VALUES (p_request_id, p_account, p_source, p_amount)
    ON CONFLICT (request_id) DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY
        SELECT c.account_id, c.source_account_id, c.amount, a.balance, a.held, true
        FROM credits c JOIN accounts a ON a.id = c.account_id
        WHERE c.request_id = p_request_id;
        RETURN;
    END IF;
    PERFORM ledger_post('credit', p_request_id, ARRAY[p_account, p_source], ARRAY[p_amount, -p_amount]);
    RETURN QUERY
    SELECT p_account, p_source, p_amount, a.balance, a.held, false FROM accounts a WHERE a.id = p_account;
END
$$;
