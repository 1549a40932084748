-- The expirer looks for old unpaid orders; only pending ones are indexed, so the index stays as small as the backlog.
CREATE INDEX recharge_orders_pending ON recharge_orders (created_at) WHERE status = 'pending';
