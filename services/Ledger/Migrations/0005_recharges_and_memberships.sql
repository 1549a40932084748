-- Recharge orders: what the user asked to pay and the coins it buys, fixed when the order is created. The order id is
-- the idempotency key of its payment: the credit's request_id is 'recharge:<id>', so a paid order credits once.
CREATE TABLE recharge_orders (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL,
    provider text NOT NULL,
    amount numeric(14, 2) NOT NULL CHECK (amount > 0),
    currency text NOT NULL CHECK (currency IN ('CNY', 'USD')),
    micro_coins bigint NOT NULL CHECK (micro_coins > 0),
    status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
    provider_reference text NOT NULL,
    checkout_url text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    paid_at timestamptz,
    CONSTRAINT recharge_orders_paid_has_time CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
    UNIQUE (provider, provider_reference)
);
CREATE INDEX recharge_orders_user ON recharge_orders (user_id, created_at DESC, id DESC);

-- VIP is recomputed from the user's paid orders at every payment; Premium is an operator's grant. The current tier is
-- derived from both at read time, because VIP and Premium lapse with time and nothing is written when they do.
-- The row is also the per-user lock that serialises membership changes.
CREATE TABLE memberships (
    user_id uuid PRIMARY KEY,
    vip_expires_at timestamptz,
    premium_granted_at timestamptz,
    -- NULL with a grant: Premium until revoked.
    premium_expires_at timestamptz,
    updated_at timestamptz NOT NULL,
    CONSTRAINT memberships_premium_expiry_needs_grant CHECK (premium_expires_at IS NULL OR premium_granted_at IS NOT NULL)
);
