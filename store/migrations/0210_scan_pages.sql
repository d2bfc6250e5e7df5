-- The rendered settings pages each scan read, sealed in blob storage (issue 17): another pack version
-- can read them again ("re-extraction"). Rows expire with the user's retention (30 days by default).
CREATE TABLE IF NOT EXISTS scan_pages (
    id            bigserial PRIMARY KEY,
    scan_job_id   uuid NOT NULL,
    user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    connection_id uuid NOT NULL REFERENCES user_platform_connections(id) ON DELETE CASCADE,
    platform      varchar(50) NOT NULL,
    pack_version  varchar(50) NOT NULL,
    page_key      varchar(100) NOT NULL,
    url           text NOT NULL,
    blob_key      text NOT NULL,
    key_id        varchar(64) NOT NULL,
    captured_at   timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    UNIQUE (scan_job_id, page_key)
);
CREATE INDEX IF NOT EXISTS scan_pages_platform_captured ON scan_pages (platform, captured_at);
CREATE INDEX IF NOT EXISTS scan_pages_expires ON scan_pages (expires_at);

-- a snapshot written by re-reading a scan's stored pages names that scan job; it never raised change
-- events and is never a diff baseline
ALTER TABLE privacy_snapshots ADD COLUMN IF NOT EXISTS reextraction_of uuid;
