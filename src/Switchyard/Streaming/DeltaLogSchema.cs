namespace Switchyard.Streaming;

/// <summary>
/// The delta log's tables (version 1, kept in <c>PRAGMA user_version</c>). Times are Unix milliseconds UTC; <c>state</c>
/// is a <see cref="StreamState"/>. Events are keyed by (stream, sequence) without a rowid, so a resume is one range scan.
/// </summary>
internal static class DeltaLogSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE streams (
            id         TEXT    PRIMARY KEY,
            tenant     TEXT    NOT NULL,
            front_door TEXT    NOT NULL,
            created_ms INTEGER NOT NULL,
            state      INTEGER NOT NULL,
            ended_ms   INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX streams_ended ON streams (state, ended_ms);

        CREATE TABLE events (
            stream_id  TEXT    NOT NULL,
            sequence   INTEGER NOT NULL,
            event_type TEXT,
            data       BLOB    NOT NULL,
            PRIMARY KEY (stream_id, sequence)
        ) WITHOUT ROWID;

        PRAGMA user_version = 1;
        """;

    public const string InsertStream = """
        INSERT INTO streams (id, tenant, front_door, created_ms, state) VALUES ($id, $tenant, $front_door, $created, 0);
        """;

    public const string InsertEvent = "INSERT INTO events (stream_id, sequence, event_type, data) VALUES ($id, $seq, $type, $data);";

    public const string EndStream = "UPDATE streams SET state = $state, ended_ms = $now WHERE id = $id AND state = 0;";

    /// <summary>Streams left open by a process that stopped without completing them.</summary>
    public const string FailOrphans = "UPDATE streams SET state = 3, ended_ms = $now WHERE state = 0;";

    public const string SelectStream = "SELECT tenant, front_door, created_ms, state FROM streams WHERE id = $id AND tenant = $tenant;";

    public const string SelectEvents = """
        SELECT sequence, event_type, data FROM events WHERE stream_id = $id AND sequence > $after AND sequence <= $through
        ORDER BY sequence;
        """;

    public const string PurgeEvents = """
        DELETE FROM events WHERE stream_id IN (SELECT id FROM streams WHERE state <> 0 AND ended_ms < $cutoff);
        """;

    public const string PurgeStreams = "DELETE FROM streams WHERE state <> 0 AND ended_ms < $cutoff;";
}
