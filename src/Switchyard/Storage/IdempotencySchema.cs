namespace Switchyard.Storage;

/// <summary>
/// The idempotency store's table (version 1, kept in <c>PRAGMA user_version</c>). Times are Unix milliseconds UTC;
/// <c>state</c> is an <see cref="Streaming.IdempotencyState"/>; <c>headers</c> is a JSON object of strings. A rowid table,
/// not WITHOUT ROWID, because rows carry response bodies.
/// </summary>
internal static class IdempotencySchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE idempotency (
            tenant       TEXT    NOT NULL,
            idem_key     TEXT    NOT NULL,
            fingerprint  BLOB    NOT NULL,
            state        INTEGER NOT NULL,
            created_ms   INTEGER NOT NULL,
            expires_ms   INTEGER NOT NULL,
            stream_id    TEXT,
            status       INTEGER,
            content_type TEXT,
            headers      TEXT,
            body         BLOB,
            PRIMARY KEY (tenant, idem_key)
        );
        CREATE INDEX idempotency_expires ON idempotency (expires_ms);

        PRAGMA user_version = 1;
        """;

    public const string Select = """
        SELECT fingerprint, state, created_ms, expires_ms, stream_id, status, content_type, headers, body
        FROM idempotency WHERE tenant = $tenant AND idem_key = $key;
        """;

    /// <summary>Replaces an expired record, if there is one.</summary>
    public const string Insert = """
        INSERT OR REPLACE INTO idempotency (tenant, idem_key, fingerprint, state, created_ms, expires_ms)
        VALUES ($tenant, $key, $fingerprint, 0, $now, $expires);
        """;

    public const string Attach = "UPDATE idempotency SET stream_id = $stream WHERE tenant = $tenant AND idem_key = $key AND state = 0;";

    public const string Complete = """
        UPDATE idempotency SET state = 1, status = $status, content_type = $content_type, headers = $headers, body = $body
        WHERE tenant = $tenant AND idem_key = $key AND state = 0;
        """;

    public const string Abandon = "DELETE FROM idempotency WHERE tenant = $tenant AND idem_key = $key AND state = 0;";

    public const string Purge = "DELETE FROM idempotency WHERE expires_ms <= $cutoff;";

    /// <summary>
    /// In-progress records of a process that stopped, which nothing will finish: without a stream nothing can be replayed,
    /// so they go and a retry generates again; with one, duplicates replay what the delta log holds, so they stay.
    /// </summary>
    public const string DeleteOrphans = "DELETE FROM idempotency WHERE state = 0 AND stream_id IS NULL;";
}
