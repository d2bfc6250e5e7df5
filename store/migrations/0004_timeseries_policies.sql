-- TimescaleDB only (a no-op on native partitions): the time-series hypertables get compression
-- after 90 days (segmented by user, as every read is per user or per platform over a window),
-- retention of 3 years, and the seed's daily-trends query as a continuous aggregate,
-- privacy_change_events_daily, refreshed hourly and real-time (rows newer than the last refresh
-- are aggregated at read time). On native partitions the same name is a plain view, so one query
-- reads both layouts.

DO $migration$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
       OR EXISTS (SELECT 1 FROM pg_partitioned_table
                  WHERE partrelid = to_regclass('privacy_change_events')) THEN
        CREATE VIEW privacy_change_events_daily AS
            SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
                   platform,
                   count(*) AS change_count,
                   count(*) FILTER (WHERE impact_level = 'high') AS high_impact_count
            FROM privacy_change_events
            GROUP BY 1, 2;
        RETURN;
    END IF;

    ALTER TABLE privacy_change_events SET (
        timescaledb.compress,
        timescaledb.compress_segmentby = 'user_id',
        timescaledb.compress_orderby = 'created_at DESC');
    ALTER TABLE privacy_snapshots SET (
        timescaledb.compress,
        timescaledb.compress_segmentby = 'connection_id',
        timescaledb.compress_orderby = 'created_at DESC');
    PERFORM add_compression_policy('privacy_change_events', interval '90 days');
    PERFORM add_compression_policy('privacy_snapshots', interval '90 days');
    PERFORM add_retention_policy('privacy_change_events', interval '3 years');
    PERFORM add_retention_policy('privacy_snapshots', interval '3 years');

    EXECUTE $ddl$
    CREATE MATERIALIZED VIEW privacy_change_events_daily
    WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
        SELECT time_bucket(interval '1 day', created_at) AS day,
               platform,
               count(*) AS change_count,
               count(*) FILTER (WHERE impact_level = 'high') AS high_impact_count
        FROM privacy_change_events
        GROUP BY 1, 2
    WITH NO DATA$ddl$;
    PERFORM add_continuous_aggregate_policy('privacy_change_events_daily',
        start_offset => interval '120 days', end_offset => interval '1 hour',
        schedule_interval => interval '1 hour');
END
$migration$;
