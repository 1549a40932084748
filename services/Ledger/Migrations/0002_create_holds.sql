-- Two-phase charging. A hold row is both the reservation and the idempotency record of its request_id: what the
-- first call answered is kept on it, so a replay answers the same.
CREATE TABLE holds (
    request_id text PRIMARY KEY,
    account_id uuid NOT NULL,
    amount bigint NOT NULL CHECK (amount >= 0),
    status text NOT NULL CHECK (status IN ('active', 'refused', 'settled', 'voided', 'expired')),
    available_after bigint NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    cost bigint,
    charged bigint,
    written_off bigint,
    price_version integer
);
CREATE INDEX holds_active_expiry ON holds (expires_at) WHERE status = 'active';

-- The reservation is one conditional UPDATE: concurrent holds on a wallet queue on its row and each re-checks
-- balance - held against the latest version, so no interleaving can overdraw it.
CREATE FUNCTION ledger_hold(p_request_id text, p_account uuid, p_amount bigint, p_ttl interval)
RETURNS TABLE (status text, account_id uuid, amount bigint, available_after bigint, expires_at timestamptz, replayed boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    available bigint;
BEGIN
    INSERT INTO holds (request_id, account_id, amount, status, available_after, expires_at)
    VALUES (p_request_id, p_account, p_amount, 'active', 0, now() + p_ttl)
    ON CONFLICT (request_id) DO NOTHING;
    IF NOT FOUND THEN
        -- The first answer was either held or refused, whatever became of the hold since.
        RETURN QUERY
        SELECT CASE WHEN h.status = 'refused' THEN 'refused' ELSE 'active' END, h.account_id, h.amount, h.available_after,
               h.expires_at, true
        FROM holds h WHERE h.request_id = p_request_id;
        RETURN;
    END IF;

    UPDATE accounts a SET held = a.held + p_amount
    WHERE a.id = p_account AND a.kind = 'wallet' AND a.balance - a.held >= p_amount
    RETURNING a.balance - a.held INTO available;
    IF FOUND THEN
        UPDATE holds h SET available_after = available WHERE h.request_id = p_request_id;
    ELSE
        SELECT a.balance - a.held INTO available FROM accounts a WHERE a.id = p_account AND a.kind = 'wallet';
        UPDATE holds h SET status = 'refused', available_after = coalesce(available, 0), finished_at = now()
        WHERE h.request_id = p_request_id;
    END IF;

    RETURN QUERY
    SELECT h.status, h.account_id, h.amount, h.available_after, h.expires_at, false
    FROM holds h WHERE h.request_id = p_request_id;
END
$$;

-- Settles at most once (the hold row is locked and its status decides). The wallet pays what it can after the
-- release; the rest is written off against the platform, never taken into a negative balance. An expired hold
-- still settles: the call happened, only its reservation lapsed.
CREATE FUNCTION ledger_settle(p_request_id text, p_cost bigint, p_price_version integer)
RETURNS TABLE (status text, account_id uuid, cost bigint, charged bigint, written_off bigint, price_version integer,
               balance bigint, held bigint, replayed boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    h holds%ROWTYPE;
    wallet_balance bigint;
    wallet_held bigint;
    paid bigint;
BEGIN
    SELECT * INTO h FROM holds WHERE request_id = p_request_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF h.status NOT IN ('active', 'expired') THEN
        RETURN QUERY
        SELECT h.status, h.account_id, h.cost, h.charged, h.written_off, h.price_version, a.balance, a.held, true
        FROM accounts a WHERE a.id = h.account_id
        UNION ALL
        SELECT h.status, h.account_id, h.cost, h.charged, h.written_off, h.price_version, 0::bigint, 0::bigint, true
        WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = h.account_id);
        RETURN;
    END IF;

    UPDATE accounts a
    SET held = a.held - CASE WHEN h.status = 'active' THEN h.amount ELSE 0 END
    WHERE a.id = h.account_id
    RETURNING a.balance, a.held INTO wallet_balance, wallet_held;
    paid := least(p_cost, wallet_balance - wallet_held);
    IF p_cost > 0 THEN
        PERFORM ledger_post('settle', p_request_id,
            ARRAY[h.account_id, '00000000-0000-0000-0000-000000000001'::uuid, '00000000-0000-0000-0000-000000000004'::uuid],
            ARRAY[-paid, p_cost, -(p_cost - paid)]);
    END IF;
    UPDATE holds
    SET status = 'settled', cost = p_cost, charged = paid, written_off = p_cost - paid,
        price_version = p_price_version, finished_at = now()
    WHERE request_id = p_request_id;

    RETURN QUERY
    SELECT 'settled'::text, h.account_id, p_cost, paid, p_cost - paid, p_price_version, a.balance, a.held, false
    FROM accounts a WHERE a.id = h.account_id;
END
$$;

CREATE FUNCTION ledger_void(p_request_id text)
RETURNS TABLE (status text, account_id uuid, released bigint, balance bigint, held bigint, replayed boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    h holds%ROWTYPE;
BEGIN
    SELECT * INTO h FROM holds WHERE request_id = p_request_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF h.status <> 'active' THEN
        RETURN QUERY
        SELECT h.status, h.account_id, CASE WHEN h.status = 'voided' THEN h.amount ELSE 0 END,
               coalesce(a.balance, 0), coalesce(a.held, 0), true
        FROM (SELECT 1) one LEFT JOIN accounts a ON a.id = h.account_id;
        RETURN;
    END IF;

    UPDATE holds SET status = 'voided', finished_at = now() WHERE request_id = p_request_id;
    RETURN QUERY
    UPDATE accounts a SET held = a.held - h.amount WHERE a.id = h.account_id
    RETURNING 'voided'::text, a.id, h.amount, a.balance, a.held, false;
END
$$;
