-- Budgets: a hold that many calls settle against (SettleBatch draws), so a relay needs no ledger round trip per call.
-- drawn is what draws took out of the hold; its reservation is what is left, amount - drawn, and the wallet's held is
-- the sum of that over its active holds. A draw has no reservation of its own: its row (amount 0, settled) is the
-- idempotency record of its request_id, names its budget and keeps its first answer, from_budget included.
ALTER TABLE holds
    ADD COLUMN drawn bigint NOT NULL DEFAULT 0,
    ADD COLUMN budget_id text,
    ADD COLUMN from_budget bigint,
    ADD CONSTRAINT holds_drawn_within_amount CHECK (drawn >= 0 AND drawn <= amount),
    ADD CONSTRAINT holds_draw_names_budget CHECK ((budget_id IS NULL) = (from_budget IS NULL) AND from_budget >= 0);

CREATE OR REPLACE FUNCTION ledger_settle(p_request_id text, p_cost bigint, p_price_version integer)
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
    SET held = a.held - CASE WHEN h.status = 'active' THEN h.amount - h.drawn ELSE 0 END
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

CREATE OR REPLACE FUNCTION ledger_void(p_request_id text)
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
        SELECT h.status, h.account_id, CASE WHEN h.status = 'voided' THEN h.amount - h.drawn ELSE 0 END,
               coalesce(a.balance, 0), coalesce(a.held, 0), true
        FROM (SELECT 1) one LEFT JOIN accounts a ON a.id = h.account_id;
        RETURN;
    END IF;

    UPDATE holds SET status = 'voided', finished_at = now() WHERE request_id = p_request_id;
    RETURN QUERY
    UPDATE accounts a SET held = a.held - (h.amount - h.drawn) WHERE a.id = h.account_id
    RETURNING 'voided'::text, a.id, h.amount - h.drawn, a.balance, a.held, false;
END
$$;

-- Raises an active hold to p_total with the conditional UPDATE of ledger_hold, so it never overdraws. outcome is
-- 'raised'; 'unchanged' for a hold already at or above p_total (only its expiry is renewed, as on a replay);
-- 'insufficient' when the wallet cannot cover the rest (nothing changes); or the status of a hold no longer active.
-- No row: no such hold.
CREATE FUNCTION ledger_raise(p_request_id text, p_total bigint, p_ttl interval)
RETURNS TABLE (outcome text, amount bigint, available bigint, expires_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    h holds%ROWTYPE;
    wallet_available bigint;
BEGIN
    IF p_total < 0 THEN
        RAISE EXCEPTION 'a hold cannot be raised to a negative total (%)', p_total USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO h FROM holds WHERE request_id = p_request_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF h.status <> 'active' THEN
        RETURN QUERY SELECT h.status, h.amount, NULL::bigint, h.expires_at;
        RETURN;
    END IF;

    IF h.amount >= p_total THEN
        SELECT a.balance - a.held INTO wallet_available FROM accounts a WHERE a.id = h.account_id;
        RETURN QUERY
        UPDATE holds SET expires_at = now() + p_ttl WHERE request_id = p_request_id
        RETURNING 'unchanged'::text, h.amount, wallet_available, holds.expires_at;
        RETURN;
    END IF;

    UPDATE accounts a SET held = a.held + (p_total - h.amount)
    WHERE a.id = h.account_id AND a.balance - a.held >= p_total - h.amount
    RETURNING a.balance - a.held INTO wallet_available;
    IF NOT FOUND THEN
        SELECT a.balance - a.held INTO wallet_available FROM accounts a WHERE a.id = h.account_id;
        RETURN QUERY SELECT 'insufficient'::text, h.amount, wallet_available, h.expires_at;
        RETURN;
    END IF;
    RETURN QUERY
    UPDATE holds SET amount = p_total, expires_at = now() + p_ttl WHERE request_id = p_request_id
    RETURNING 'raised'::text, p_total, wallet_available, holds.expires_at;
END
$$;

-- Locks holds, then their wallets, each in a fixed order. A transaction touching several holds and wallets then takes
-- its locks in the order every single-hold operation does (the hold, then its wallet), so none can deadlock with it.
-- The ids are made distinct first and each row is locked through its primary key, in the order of the sorted ids: a
-- batch names its budget once per draw, and "= ANY" over hundreds of repeats would be tested on every row of a scan.
CREATE FUNCTION ledger_lock_holds(p_request_ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    wallets uuid[];
BEGIN
    SELECT array_agg(locked.account_id) INTO wallets
    FROM (SELECT DISTINCT r AS request_id FROM unnest(p_request_ids) AS r ORDER BY 1) ids,
         LATERAL (SELECT h.account_id FROM holds h WHERE h.request_id = ids.request_id FOR UPDATE) locked;
    PERFORM 1
    FROM (SELECT DISTINCT w AS id FROM unnest(wallets) AS w ORDER BY 1) ids,
         LATERAL (SELECT 1 FROM accounts a WHERE a.id = ids.id FOR UPDATE) locked;
END
$$;

CREATE TYPE ledger_draw_result AS (outcome text, account_id uuid, cost bigint, charged bigint, written_off bigint,
    from_budget bigint, price_version integer, balance bigint, held bigint, replayed boolean);

-- Books a batch of draws in one call, one result per item, in item order. A draw takes what its budget has left
-- (nothing once the budget is no longer active), then the wallet's available balance; the rest is written off, as
-- ledger_settle does. Every domain outcome is a result, never an exception, so one bad item cannot abort the batch:
-- 'settled' (replayed when the request_id was booked before: its first answer), 'unknown_budget', or 'reused' (the
-- request_id belongs to a hold or to a draw from another budget). balance and held are the wallet's after the items up
-- to this one.
--
-- One statement books the whole batch rather than a loop of ledger_settle-like steps: a loop updates the budget and
-- wallet rows once or twice per item, and each update of a row already updated in the transaction walks the chain of
-- its earlier versions, so a batch of 200 on one budget took 60 to 140 ms on a 2-core machine. Here each budget and wallet row is updated
-- once. The entries and postings are those ledger_post would write for each draw (wallet -paid, revenue +cost,
-- write-offs -(cost - paid)), inserted by one statement that the balance trigger checks like any other.
CREATE FUNCTION ledger_draw(p_request_ids text[], p_budget_ids text[], p_costs bigint[], p_price_version integer)
RETURNS SETOF ledger_draw_result
LANGUAGE plpgsql
-- Planning the booking statement costs about as much as running it, and plpgsql would plan it afresh for the first
-- five calls on every connection; its lookups are primary-key probes, so the generic plan is right for any batch.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    results ledger_draw_result[];
BEGIN
    IF cardinality(p_request_ids) <> (SELECT count(DISTINCT r) FROM unnest(p_request_ids) AS r) THEN
        RAISE EXCEPTION 'ledger_draw needs distinct request_ids' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Budgets and their wallets stay locked to the end of the transaction, so concurrent batches on a budget take
    -- turns and each sees what the one before it booked.
    PERFORM ledger_lock_holds(p_budget_ids);

    FOR attempt IN 1 .. 3 LOOP
        BEGIN
            WITH item AS (
                SELECT i.ord, i.request_id, i.cost, b.request_id AS budget_id, b.account_id,
                       CASE WHEN b.status = 'active' THEN b.amount - b.drawn ELSE 0 END AS budget_rest,
                       coalesce(a.balance, 0) AS balance0, coalesce(a.held, 0) AS held0,
                       b.request_id IS NOT NULL AND e.request_id IS NULL AS fresh,
                       coalesce(e.budget_id = b.request_id, false) AS replay,
                       e.cost AS first_cost, e.charged AS first_charged, e.written_off AS first_written_off,
                       e.from_budget AS first_from_budget, e.price_version AS first_price_version
                FROM unnest(p_request_ids, p_budget_ids, p_costs) WITH ORDINALITY AS i (request_id, budget_id, cost, ord)
                -- LIMIT 1 keeps each lookup a primary-key probe: a join could hash the whole holds table for 200 rows.
                LEFT JOIN LATERAL (SELECT * FROM holds b WHERE b.request_id = i.budget_id LIMIT 1) b ON true
                LEFT JOIN accounts a ON a.id = b.account_id
                LEFT JOIN LATERAL (SELECT * FROM holds e WHERE e.request_id = i.request_id LIMIT 1) e ON true
            ), from_budget AS (
                -- Each new draw takes what the draws before it left of its budget.
                SELECT item.*, CASE WHEN item.fresh THEN least(item.cost, greatest(0, item.budget_rest - coalesce(
                           (sum(item.cost) FILTER (WHERE item.fresh) OVER (PARTITION BY item.budget_id ORDER BY item.ord
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))::bigint, 0))) ELSE 0 END AS taken
                FROM item
            ), beyond AS (
                -- Releasing the part taken from the budget and paying it leaves the available balance as it was, so
                -- only the rest of each cost uses the wallet's available balance up, in item order; what it cannot
                -- cover is written off.
                SELECT fb.*, CASE WHEN fb.fresh THEN least(fb.cost - fb.taken, greatest(0, fb.balance0 - fb.held0 - coalesce(
                           (sum(fb.cost - fb.taken) FILTER (WHERE fb.fresh) OVER (PARTITION BY fb.account_id ORDER BY fb.ord
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))::bigint, 0))) ELSE 0 END AS extra
                FROM from_budget fb
            ), booked AS (
                SELECT be.*, be.taken + be.extra AS paid,
                       be.balance0 - (sum(be.taken + be.extra) OVER (PARTITION BY be.account_id ORDER BY be.ord))::bigint AS balance_after,
                       be.held0 - (sum(be.taken) OVER (PARTITION BY be.account_id ORDER BY be.ord))::bigint AS held_after
                FROM beyond be
            ), draws AS (
                INSERT INTO holds (request_id, account_id, amount, status, available_after, expires_at, finished_at, budget_id,
                                   from_budget, cost, charged, written_off, price_version)
                SELECT k.request_id, k.account_id, 0, 'settled', 0, now(), now(), k.budget_id,
                       k.taken, k.cost, k.paid, k.cost - k.paid, p_price_version
                FROM booked k WHERE k.fresh
            ), budgets AS (
                UPDATE holds b SET drawn = b.drawn + s.taken
                FROM (SELECT k.budget_id, sum(k.taken)::bigint AS taken FROM booked k WHERE k.taken > 0 GROUP BY k.budget_id) s
                WHERE b.request_id = s.budget_id
            ), wallets AS (
                UPDATE accounts a SET held = a.held - s.taken, balance = a.balance - s.paid
                FROM (SELECT k.account_id, sum(k.taken)::bigint AS taken, sum(k.paid)::bigint AS paid
                      FROM booked k WHERE k.fresh GROUP BY k.account_id) s
                WHERE a.id = s.account_id AND a.kind = 'wallet'
            ), entries AS (
                INSERT INTO journal_entries (kind, reference)
                SELECT 'settle', k.request_id FROM booked k WHERE k.fresh AND k.cost > 0 ORDER BY k.ord
                RETURNING journal_entries.id, journal_entries.reference
            ), lines AS (
                INSERT INTO postings (entry_id, account_id, amount)
                SELECT e.id, l.account_id, l.amount
                FROM entries e
                JOIN booked k ON k.request_id = e.reference
                CROSS JOIN LATERAL (VALUES (k.account_id, -k.paid), ('00000000-0000-0000-0000-000000000001'::uuid, k.cost),
                                           ('00000000-0000-0000-0000-000000000004'::uuid, -(k.cost - k.paid))) AS l (account_id, amount)
                WHERE l.amount <> 0
            )
            SELECT array_agg(ROW(
                       CASE WHEN k.budget_id IS NULL THEN 'unknown_budget' WHEN k.fresh OR k.replay THEN 'settled' ELSE 'reused' END,
                       k.account_id,
                       CASE WHEN k.fresh THEN k.cost ELSE k.first_cost END,
                       CASE WHEN k.fresh THEN k.paid ELSE k.first_charged END,
                       CASE WHEN k.fresh THEN k.cost - k.paid ELSE k.first_written_off END,
                       CASE WHEN k.fresh THEN k.taken ELSE k.first_from_budget END,
                       CASE WHEN k.fresh THEN p_price_version ELSE k.first_price_version END,
                       k.balance_after, k.held_after, k.replay)::ledger_draw_result ORDER BY k.ord)
            INTO results
            FROM booked k;
            EXIT;
        EXCEPTION WHEN unique_violation THEN
            -- A concurrent transaction took one of these request_ids after this statement's snapshot (it waited for
            -- that one to commit): nothing of the attempt stays, and the next one sees the request_id as taken.
            IF attempt = 3 THEN
                RAISE;
            END IF;
        END;
    END LOOP;
    RETURN QUERY SELECT * FROM unnest(results);
END
$$;
