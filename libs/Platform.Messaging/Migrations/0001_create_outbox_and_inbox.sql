-- Events written in the transaction of the state change they describe; OutboxDispatcher publishes them in sequence order.
CREATE TABLE outbox (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id uuid NOT NULL UNIQUE,
    message_type text NOT NULL,
    payload jsonb NOT NULL,
    trace_parent text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
);

-- The dispatcher reads only pending rows, oldest first.
CREATE INDEX outbox_pending ON outbox (sequence) WHERE sent_at IS NULL;

-- Messages each consumer has handled: its side effect and this row commit together.
CREATE TABLE inbox (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
