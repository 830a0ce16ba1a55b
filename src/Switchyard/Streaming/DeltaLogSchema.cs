namespace Switchyard.Streaming;

/// <summary>
/// The delta log's tables (version 2, kept in <c>PRAGMA user_version</c>). Times are Unix milliseconds UTC; <c>state</c>
/// is a <see cref="StreamState"/>. Events are stored in chunks, one row per stream per committed batch (an
/// <see cref="EventChunk"/> blob), keyed by (stream, last sequence) without a rowid, so a resume after N is one range scan
/// from the chunk holding N + 1. Version 1 stored one row per event in <c>events</c>; <see cref="MigrateV1"/> turns
/// those rows into chunks.
/// </summary>
internal static class DeltaLogSchema
{
    public const int Version = 2;

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

        """ + CreateChunks + """

        PRAGMA user_version = 2;
        """;

    private const string CreateChunks = """
        CREATE TABLE event_chunks (
            stream_id      TEXT    NOT NULL,
            first_sequence INTEGER NOT NULL,
            last_sequence  INTEGER NOT NULL,
            data           BLOB    NOT NULL,
            PRIMARY KEY (stream_id, last_sequence)
        ) WITHOUT ROWID;
        """;

    /// <summary>Run before converting: version 1's per-event table is set aside and the chunk table created.</summary>
    public const string MigrateV1 = "ALTER TABLE events RENAME TO events_v1;\n" + CreateChunks;

    /// <summary>Version 1's events, in the order they become chunks.</summary>
    public const string SelectV1Events = "SELECT stream_id, sequence, event_type, data FROM events_v1 ORDER BY stream_id, sequence;";

    /// <summary>Run after converting.</summary>
    public const string FinishV1 = "DROP TABLE events_v1; PRAGMA user_version = 2;";

    /// <summary>A stream's row, positional (id, tenant, front door, created, state, ended) for <see cref="DeltaStreamRows"/>.</summary>
    public const string InsertStreamPositional =
        "INSERT INTO streams (id, tenant, front_door, created_ms, state, ended_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6);";

    public const string InsertChunk = """
        INSERT INTO event_chunks (stream_id, first_sequence, last_sequence, data) VALUES ($id, $first, $last, $data);
        """;

    /// <summary><see cref="InsertChunk"/> with positional parameters (id, first, last, data) for <see cref="DeltaChunkInsert"/>.</summary>
    public const string InsertChunkPositional =
        "INSERT INTO event_chunks (stream_id, first_sequence, last_sequence, data) VALUES (?1, ?2, ?3, ?4);";

    /// <summary>A stream's end, positional (id, state, ended) for <see cref="DeltaStreamRows"/>.</summary>
    public const string EndStreamPositional = "UPDATE streams SET state = ?2, ended_ms = ?3 WHERE id = ?1 AND state = 0;";

    /// <summary>Streams left open by a process that stopped without completing them.</summary>
    public const string FailOrphans = "UPDATE streams SET state = 3, ended_ms = $now WHERE state = 0;";

    public const string SelectStream = "SELECT tenant, front_door, created_ms, state FROM streams WHERE id = $id AND tenant = $tenant;";

    /// <summary>
    /// The chunks holding events after <c>$after</c>, in order; the first may also hold earlier ones. The reader stops
    /// at the first chunk past the sequence it wants.
    /// </summary>
    public const string SelectChunks = """
        SELECT first_sequence, last_sequence, data FROM event_chunks WHERE stream_id = $id AND last_sequence > $after
        ORDER BY last_sequence;
        """;

    public const string PurgeEvents = """
        DELETE FROM event_chunks WHERE stream_id IN (SELECT id FROM streams WHERE state <> 0 AND ended_ms < $cutoff);
        """;

    public const string PurgeStreams = "DELETE FROM streams WHERE state <> 0 AND ended_ms < $cutoff;";

    public const string DeleteStream = "DELETE FROM streams WHERE id = $id AND tenant = $tenant AND state <> 0;";

    public const string DeleteEvents = "DELETE FROM event_chunks WHERE stream_id = $id;";
}
