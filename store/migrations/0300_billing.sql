-- Billing: one subscriptions row per user (it holds the Stripe customer id from the first checkout,
-- status 'none' until a subscription exists), and the Stripe webhook events already handled, so a
-- redelivered event changes nothing.
CREATE UNIQUE INDEX subscriptions_one_per_user ON subscriptions (user_id);
CREATE UNIQUE INDEX subscriptions_customer_key ON subscriptions (stripe_customer_id);

CREATE TABLE stripe_webhook_events (
    id          varchar(255) PRIMARY KEY,   -- Stripe's event id (evt_...)
    type        varchar(100) NOT NULL,
    outcome     varchar(100) NOT NULL DEFAULT 'received',
    received_at timestamptz NOT NULL DEFAULT now()
);
