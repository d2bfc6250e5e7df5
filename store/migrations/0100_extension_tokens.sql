-- API/auth (0100+): extension pairings and their refresh tokens. Pairing codes and web sessions are
-- short-lived and live in Redis. A pairing is a refresh-token family: every refresh rotates the
-- token; replaying a used one revokes the whole family (and with it the extension's access).

CREATE TABLE extension_pairings (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_name    varchar(100) NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    revoked_reason varchar(50)                      -- 'user', 'replay', 'account_erased'
);
CREATE INDEX extension_pairings_user_idx ON extension_pairings (user_id, created_at DESC);

CREATE TABLE extension_refresh_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    pairing_id uuid NOT NULL REFERENCES extension_pairings(id) ON DELETE CASCADE,
    token_hash varchar(64) NOT NULL UNIQUE,         -- sha256 hex; the token itself is never stored
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz                          -- set on rotation; a second use is a replay
);
CREATE INDEX extension_refresh_tokens_pairing_idx ON extension_refresh_tokens (pairing_id);

-- readings submitted by the extension (a ScanResult as JSON) wait here for the pipeline
ALTER TABLE scan_jobs ADD COLUMN IF NOT EXISTS submitted_result jsonb;
