namespace Switchyard.Conversations;

/// <summary>
/// The conversation store's table (version 1, kept in <c>PRAGMA user_version</c>). Times are Unix milliseconds UTC;
/// <c>input</c> and <c>output</c> are <see cref="MessageJson"/>; <c>response</c> is the final response object.
/// </summary>
internal static class ConversationSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE responses (
            tenant      TEXT    NOT NULL,
            id          TEXT    NOT NULL,
            previous_id TEXT,
            session_id  TEXT    NOT NULL,
            model       TEXT,
            created_ms  INTEGER NOT NULL,
            expires_ms  INTEGER NOT NULL,
            input       BLOB    NOT NULL,
            output      BLOB    NOT NULL,
            response    BLOB,
            PRIMARY KEY (tenant, id)
        );
        CREATE INDEX responses_expires ON responses (expires_ms);
        CREATE INDEX responses_session ON responses (tenant, session_id);

        PRAGMA user_version = 1;
        """;

    public const string Insert = """
        INSERT OR REPLACE INTO responses (tenant, id, previous_id, session_id, model, created_ms, expires_ms, input, output, response)
        VALUES ($tenant, $id, $previous, $session, $model, $created, $expires, $input, $output, $response);
        """;

    public const string Select = """
        SELECT id, previous_id, session_id, model, created_ms, input, output, response
        FROM responses WHERE tenant = $tenant AND id = $id AND expires_ms > $now;
        """;

    /// <summary>The chain ending at <c>$id</c>, newest first (depth 0 is <c>$id</c> itself); stops at a missing link.</summary>
    private const string Chain = """
        WITH RECURSIVE chain (id, previous_id, depth) AS (
            SELECT id, previous_id, 0 FROM responses WHERE tenant = $tenant AND id = $id AND expires_ms > $now
            UNION ALL
            SELECT r.id, r.previous_id, c.depth + 1
            FROM responses r JOIN chain c ON r.tenant = $tenant AND r.id = c.previous_id
            WHERE r.expires_ms > $now AND c.depth < $max
        )
        """;

    public const string SelectHistory = Chain + """
        SELECT r.session_id, r.input, r.output FROM chain c JOIN responses r ON r.tenant = $tenant AND r.id = c.id
        ORDER BY c.depth DESC;
        """;

    public const string SelectChain = Chain + """
        SELECT r.id, r.previous_id, r.session_id, r.model, r.created_ms, r.input, r.output, r.response
        FROM chain c JOIN responses r ON r.tenant = $tenant AND r.id = c.id
        ORDER BY c.depth DESC;
        """;

    /// <summary>A conversation is kept as long as its latest response: continuing it extends every ancestor.</summary>
    public const string ExtendChain = Chain + """
        UPDATE responses SET expires_ms = max(expires_ms, $expires)
        WHERE tenant = $tenant AND id IN (SELECT id FROM chain);
        """;

    public const string Delete = "DELETE FROM responses WHERE tenant = $tenant AND id = $id AND expires_ms > $now;";

    public const string DeleteSession = "DELETE FROM responses WHERE tenant = $tenant AND session_id = $session;";

    public const string Purge = "DELETE FROM responses WHERE expires_ms <= $now;";
}
