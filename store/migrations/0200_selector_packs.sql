-- Selector pack lifecycle (issue 8): published packs (immutable), the activation history (activate,
-- canary, rollback), per-scan pack health, and each platform's health state.

-- One row per published pack version; content is the YAML text as uploaded, never changed.
CREATE TABLE selector_packs (
    platform       varchar(50) NOT NULL,
    version        varchar(50) NOT NULL,
    content        text NOT NULL,
    content_sha256 char(64) NOT NULL,
    published_by   varchar(100) NOT NULL,
    published_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform, version)
);

-- Append-only: each row is the state AFTER an operator step. The latest row of a platform is its
-- current state; no row means the platform's default pack (the lowest version on disk).
-- reverted marks the steps a rollback has undone, so rollbacks walk back like a stack.
CREATE TABLE pack_activations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform       varchar(50) NOT NULL,
    action         varchar(20) NOT NULL CHECK (action IN ('activate', 'canary', 'rollback')),
    active_version varchar(50) NOT NULL,
    canary_version varchar(50),
    canary_percent smallint NOT NULL DEFAULT 0 CHECK (canary_percent BETWEEN 0 AND 100),
    reverted       boolean NOT NULL DEFAULT false,
    created_by     varchar(100) NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((canary_version IS NULL) = (canary_percent = 0))
);
CREATE INDEX pack_activations_platform_idx ON pack_activations (platform, id DESC);

-- One row per processed scan: how each setting of the pack was read (dom | ocr | missed). Compact:
-- a scan's outcomes in one jsonb object; scan_job_id makes a retried pipeline step count once.
CREATE TABLE pack_scan_health (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform     varchar(50) NOT NULL,
    pack_version varchar(50) NOT NULL,
    scan_job_id  uuid UNIQUE,
    outcomes     jsonb NOT NULL,            -- {"<setting key>": "dom" | "ocr" | "missed"}
    scanned_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pack_scan_health_version_idx ON pack_scan_health (platform, pack_version, scanned_at DESC, id DESC);

CREATE TABLE platform_pack_health (
    platform              varchar(50) PRIMARY KEY,
    state                 varchar(10) NOT NULL CHECK (state IN ('ok', 'degraded')),
    since                 timestamptz NOT NULL DEFAULT now(),
    reason                text NOT NULL DEFAULT '',
    pack_version          varchar(50),      -- the version whose hit rate fell (degraded)
    operators_notified_at timestamptz       -- once per degraded episode
);
