-- Plans that change what the service does (billing/plans.yaml holds the plans themselves).

-- The plan each user is on (no row: the default plan), the longer retention a downgrade keeps for a
-- notice period, and whether scheduled scans are paused for lack of credits.
CREATE TABLE user_plans (
    user_id               uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    plan                  varchar(50) NOT NULL,
    retention_floor_days  integer,      -- the old plan's retention, kept until retention_floor_until
    retention_floor_until timestamptz,
    scans_paused_at       timestamptz,  -- set when a scheduled scan found no credits; NULL: running
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Stripe's subscription state as last applied: events are applied in the order Stripe created
-- them (state_event_at), whatever order they arrive in.
ALTER TABLE subscriptions
    ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false,
    ADD COLUMN state_event_at       timestamptz,
    ADD COLUMN grace_until          timestamptz;

-- Billing e-mails to send, written in the transaction that changes the state (a transactional
-- outbox): one row, so one e-mail, per (user, kind, dedupe key); the scheduler sends them.
CREATE TABLE billing_notices (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       varchar(50) NOT NULL,
    dedupe_key text NOT NULL,
    details    jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz,
    UNIQUE (user_id, kind, dedupe_key)
);
CREATE INDEX billing_notices_unsent_idx ON billing_notices (created_at) WHERE sent_at IS NULL;

-- "scan now" allowance: a user's manual scans of a day
CREATE INDEX scan_jobs_manual_idx ON scan_jobs (user_id, created_at) WHERE trigger IN ('api', 'extension');

-- A scan job that ends 'failed' failed for loopwho's reasons (browser crash, no worker finished it,
-- the queue was down): its credits come back, once, in the transaction that records the failure.
-- ('reauth_required' is the user's: an expired session is not refunded.)
CREATE FUNCTION loopwho_refund_failed_scan() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO credits_ledger (user_id, delta, reason, idempotency_key)
    SELECT user_id, -delta, 'scan_refund', 'scan:' || NEW.id || ':refund'
    FROM credits_ledger WHERE idempotency_key = 'scan:' || NEW.id || ':charge'
    ON CONFLICT (idempotency_key) DO NOTHING;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER scan_jobs_refund_failed AFTER UPDATE OF status ON scan_jobs
    FOR EACH ROW WHEN (NEW.status = 'failed' AND OLD.status IN ('queued', 'running'))
    EXECUTE FUNCTION loopwho_refund_failed_scan();
