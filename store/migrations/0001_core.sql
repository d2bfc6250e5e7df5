-- Core schema (seed section 3.1): users, platforms, connections, analyses, subscriptions,
-- notification preferences. Timestamps are timestamptz throughout (the seed mixes both).

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         varchar(255) NOT NULL,
    name          varchar(255),
    role          varchar(20) NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'operator', 'admin')),
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz
);
-- emails are compared case-insensitively
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE privacy_platforms (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name            varchar(100) NOT NULL,
    slug            varchar(50) UNIQUE NOT NULL,
    privacy_url     text NOT NULL,
    scraper_version varchar(20) NOT NULL DEFAULT '1.0',
    is_active       boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);

INSERT INTO privacy_platforms (name, slug, privacy_url) VALUES
    ('Google', 'google', 'https://policies.google.com/privacy'),
    ('Facebook', 'facebook', 'https://www.facebook.com/privacy/policy/'),
    ('Microsoft', 'microsoft', 'https://privacy.microsoft.com/en-us/privacystatement');

CREATE TABLE user_platform_connections (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    platform_id       uuid NOT NULL REFERENCES privacy_platforms(id),
    connection_status varchar(20) NOT NULL DEFAULT 'connected'
        CHECK (connection_status IN ('connected', 'reauth_required', 'revoked', 'degraded')),
    last_scan_at      timestamptz,
    last_scan_status  varchar(30),
    -- the user's plan decides how often the scheduler scans this connection
    scan_interval_s   integer NOT NULL DEFAULT 86400 CHECK (scan_interval_s > 0),
    next_scan_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, platform_id)
);
-- the scheduler's question: which connections are due?
CREATE INDEX upc_due_idx ON user_platform_connections (next_scan_at)
    WHERE connection_status IN ('connected', 'degraded');

CREATE TABLE privacy_analyses (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    connection_id    uuid NOT NULL REFERENCES user_platform_connections(id) ON DELETE CASCADE,
    analysis_summary jsonb NOT NULL,
    privacy_score    integer CHECK (privacy_score >= 0 AND privacy_score <= 100),
    recommendations  jsonb,
    file_path        text NOT NULL,
    scan_method      varchar(20) NOT NULL DEFAULT 'extension',
    content_hash     varchar(64),
    analyser         varchar(20) NOT NULL DEFAULT 'offline',
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_analyses_connection_idx ON privacy_analyses (connection_id, created_at DESC);

CREATE TABLE subscriptions (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stripe_customer_id     varchar(255),
    stripe_subscription_id varchar(255) UNIQUE,
    plan                   varchar(50),
    status                 varchar(50) NOT NULL,
    current_period_start   timestamptz,
    current_period_end     timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_user_idx ON subscriptions (user_id);

CREATE TABLE notification_preferences (
    id                           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                      uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    email_enabled                boolean NOT NULL DEFAULT true,
    change_notifications         boolean NOT NULL DEFAULT true,
    recommendation_notifications boolean NOT NULL DEFAULT true,
    scan_failure_notifications   boolean NOT NULL DEFAULT true,
    frequency                    varchar(20) NOT NULL DEFAULT 'immediate'
        CHECK (frequency IN ('immediate', 'daily', 'weekly')),
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now()
);
