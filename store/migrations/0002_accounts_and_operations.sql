-- What later capabilities need beyond the seed: API keys, encrypted session profiles, the audit
-- log, the credits ledger, scan jobs, the analysis cache and the e-mail idempotency record.

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL DEFAULT '',
    prefix       varchar(16) NOT NULL,          -- shown to the user to tell keys apart
    key_hash     text NOT NULL UNIQUE,          -- the key itself is shown once, never stored
    scopes       text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);
CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);

-- One cookie jar per user x platform, encrypted by the caller (core.crypto); key_id allows rotation.
CREATE TABLE session_profiles (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    platform       varchar(50) NOT NULL REFERENCES privacy_platforms(slug),
    cookie_jar_enc bytea,                       -- NULL once revoked (wiped)
    key_id         varchar(64),
    cookie_count   integer NOT NULL DEFAULT 0,
    user_agent     text,
    locale         varchar(35) NOT NULL DEFAULT 'en-US',
    timezone       varchar(64) NOT NULL DEFAULT 'UTC',
    viewport       jsonb NOT NULL DEFAULT '{"width": 1280, "height": 900}',
    expires_at     timestamptz,
    revoked_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, platform)
);
CREATE INDEX session_profiles_expires_idx ON session_profiles (expires_at) WHERE revoked_at IS NULL;

CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor      varchar(100) NOT NULL,           -- 'user:<id>', 'operator:<id>', 'system', 'worker'
    user_id    uuid,                            -- whose data the entry is about (no FK: survives)
    action     varchar(100) NOT NULL,
    subject    text NOT NULL DEFAULT '',
    details    jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, created_at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, created_at DESC);

CREATE TABLE credits_ledger (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    delta           integer NOT NULL,
    reason          varchar(100) NOT NULL,
    idempotency_key text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credits_ledger_user_idx ON credits_ledger (user_id, created_at DESC);

CREATE TABLE scan_jobs (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    connection_id uuid NOT NULL REFERENCES user_platform_connections(id) ON DELETE CASCADE,
    status        varchar(20) NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'reauth_required')),
    trigger       varchar(20) NOT NULL DEFAULT 'schedule',   -- schedule | api | extension
    progress      smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    error         text,
    rq_job_id     text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
CREATE INDEX scan_jobs_user_idx ON scan_jobs (user_id, created_at DESC);
-- never two live scans of one connection, whoever asks (scheduler, API, extension)
CREATE UNIQUE INDEX scan_jobs_one_active_per_connection ON scan_jobs (connection_id)
    WHERE status IN ('queued', 'running');

CREATE TABLE analysis_cache (
    content_hash varchar(64) PRIMARY KEY,
    analyser     varchar(20) NOT NULL,
    result       jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- An e-mail is sent at most once per (user, kind, dedupe key), even when a job is retried.
CREATE TABLE notifications_sent (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        varchar(50) NOT NULL,
    dedupe_key  text NOT NULL,
    provider_id text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, kind, dedupe_key)
);
