-- privacy_snapshots and privacy_change_events are time series. With TimescaleDB installed and
-- preloaded they become hypertables; otherwise native monthly range partitions plus a DEFAULT
-- partition (so no insert ever fails), kept ahead by loopwho_ensure_partitions(). Primary keys
-- include created_at because both layouts require it. The same SQL reads both layouts.

DO $migration$
DECLARE
    use_timescale boolean :=
        EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
        OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
            AND current_setting('shared_preload_libraries') ILIKE '%timescaledb%');
    layout text;
BEGIN
    IF use_timescale THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        layout := '';
    ELSE
        layout := ' PARTITION BY RANGE (created_at)';
    END IF;

    EXECUTE $ddl$
    CREATE TABLE privacy_snapshots (
        id                 uuid NOT NULL DEFAULT gen_random_uuid(),
        connection_id      uuid NOT NULL REFERENCES user_platform_connections(id) ON DELETE CASCADE,
        user_id            uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        platform           varchar(50) NOT NULL,
        r2_file_path       text NOT NULL,
        analysis_result_id uuid REFERENCES privacy_analyses(id) ON DELETE SET NULL,
        content_hash       varchar(64) NOT NULL,
        scan_duration_ms   integer,
        pack_version       varchar(50) NOT NULL DEFAULT '',
        scan_status        varchar(30) NOT NULL DEFAULT 'ok',
        scan_job_id        uuid,
        readings           jsonb NOT NULL DEFAULT '[]',
        created_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, created_at)
    )$ddl$ || layout;

    EXECUTE $ddl$
    CREATE TABLE privacy_change_events (
        id                   uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id              uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        platform             varchar(50) NOT NULL,
        connection_id        uuid REFERENCES user_platform_connections(id) ON DELETE SET NULL,
        change_type          varchar(20) NOT NULL
            CHECK (change_type IN ('setting_changed', 'policy_updated')),
        change_data          jsonb NOT NULL,
        r2_file_path         text NOT NULL,
        analysis_result_id   uuid REFERENCES privacy_analyses(id) ON DELETE SET NULL,
        previous_snapshot_id uuid,
        snapshot_id          uuid,
        pack_version         varchar(50) NOT NULL DEFAULT '',
        impact_level         varchar(20) NOT NULL DEFAULT 'medium'
            CHECK (impact_level IN ('low', 'medium', 'high')),
        user_notified        boolean NOT NULL DEFAULT false,
        -- a retried pipeline step passes the same (dedupe_key, created_at) and inserts nothing new
        dedupe_key           text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, created_at),
        UNIQUE (dedupe_key, created_at)
    )$ddl$ || layout;

    IF use_timescale THEN
        PERFORM create_hypertable('privacy_snapshots', 'created_at');
        PERFORM create_hypertable('privacy_change_events', 'created_at');
    ELSE
        CREATE TABLE privacy_snapshots_default PARTITION OF privacy_snapshots DEFAULT;
        CREATE TABLE privacy_change_events_default PARTITION OF privacy_change_events DEFAULT;
    END IF;
END
$migration$;

-- latest good snapshot of a connection; a user's snapshot history
CREATE INDEX privacy_snapshots_connection_idx ON privacy_snapshots (connection_id, created_at DESC);
CREATE INDEX privacy_snapshots_user_idx ON privacy_snapshots (user_id, created_at DESC);
CREATE INDEX privacy_snapshots_job_idx ON privacy_snapshots (scan_job_id);
-- the seed's three analytics queries: a user's recent changes; daily trends per platform;
-- users with many changes in a window
CREATE INDEX privacy_change_events_user_idx ON privacy_change_events (user_id, created_at DESC);
CREATE INDEX privacy_change_events_platform_idx ON privacy_change_events (platform, created_at);
CREATE INDEX privacy_change_events_connection_idx
    ON privacy_change_events (connection_id, created_at DESC);
CREATE INDEX privacy_change_events_window_idx
    ON privacy_change_events (created_at, user_id, platform);
CREATE INDEX privacy_change_events_unnotified_idx
    ON privacy_change_events (user_id, created_at) WHERE NOT user_notified;

-- Create the monthly partitions from last month to months_ahead months after this one (UTC),
-- moving any rows the DEFAULT partition holds for a new month into it. Returns the partitions it
-- created. A no-op for hypertables (TimescaleDB makes its own chunks).
CREATE OR REPLACE FUNCTION loopwho_ensure_partitions(months_ahead integer DEFAULT 3)
RETURNS SETOF text
LANGUAGE plpgsql AS $fn$
DECLARE
    parent text;
    default_part text;
    part text;
    first_month timestamptz :=
        (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month') AT TIME ZONE 'UTC';
    lo timestamptz;
    hi timestamptz;
BEGIN
    IF months_ahead < 0 OR months_ahead > 120 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 120, got %', months_ahead;
    END IF;
    FOREACH parent IN ARRAY ARRAY['privacy_snapshots', 'privacy_change_events'] LOOP
        CONTINUE WHEN NOT EXISTS (
            SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(parent));
        default_part := parent || '_default';
        FOR i IN 0 .. months_ahead + 1 LOOP
            lo := first_month + make_interval(months => i);
            hi := lo + interval '1 month';
            part := format('%s_p%s', parent, to_char(lo AT TIME ZONE 'UTC', 'YYYYMM'));
            CONTINUE WHEN to_regclass(part) IS NOT NULL;
            -- serialise with inserts into DEFAULT and with a concurrent run of this function
            EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', default_part);
            CONTINUE WHEN to_regclass(part) IS NOT NULL;
            EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                           part, parent);
            EXECUTE format('WITH moved AS (DELETE FROM %I WHERE created_at >= $1 AND created_at < $2 '
                           'RETURNING *) INSERT INTO %I SELECT * FROM moved', default_part, part)
                USING lo, hi;
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                           parent, part, lo, hi);
            RETURN NEXT part;
        END LOOP;
    END LOOP;
END
$fn$;

SELECT count(*) FROM loopwho_ensure_partitions(3);
