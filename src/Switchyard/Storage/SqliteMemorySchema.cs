namespace Switchyard.Storage;

/// <summary>
/// The memory store's tables. Every table's key starts with the tenant, and every statement filters by tenant (and
/// session), so isolation does not rest on callers. Times are Unix milliseconds UTC; USD is integer nano-dollars;
/// vectors are little-endian float32 blobs. Tables are created if missing, so the store can share a file with others.
/// </summary>
internal static class SqliteMemorySchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS memory_sessions (
            tenant TEXT NOT NULL, session TEXT NOT NULL, last_seq INTEGER NOT NULL, expires INTEGER NOT NULL,
            PRIMARY KEY (tenant, session)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS memory_turns (
            tenant TEXT NOT NULL, session TEXT NOT NULL, seq INTEGER NOT NULL, message TEXT NOT NULL,
            tokens INTEGER NOT NULL, at INTEGER NOT NULL, expires INTEGER NOT NULL,
            PRIMARY KEY (tenant, session, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS memory_turns_expires ON memory_turns (expires);
        CREATE TABLE IF NOT EXISTS memory_summaries (
            tenant TEXT NOT NULL, session TEXT NOT NULL, version INTEGER NOT NULL, text TEXT NOT NULL,
            tokens INTEGER NOT NULL, through_seq INTEGER NOT NULL, at INTEGER NOT NULL, expires INTEGER NOT NULL,
            PRIMARY KEY (tenant, session, version)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS memory_summaries_expires ON memory_summaries (expires);
        CREATE TABLE IF NOT EXISTS memory_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, session TEXT NOT NULL, kind INTEGER NOT NULL,
            text TEXT NOT NULL, tokens INTEGER NOT NULL, source_seq INTEGER NOT NULL, at INTEGER NOT NULL,
            expires INTEGER NOT NULL, vector BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS memory_items_session ON memory_items (tenant, session, id);
        CREATE INDEX IF NOT EXISTS memory_items_expires ON memory_items (expires);
        CREATE TABLE IF NOT EXISTS memory_summarizer_session_spend (
            tenant TEXT NOT NULL, session TEXT NOT NULL, tokens INTEGER NOT NULL, nano_usd INTEGER NOT NULL,
            PRIMARY KEY (tenant, session)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS memory_summarizer_daily_spend (
            tenant TEXT NOT NULL, day TEXT NOT NULL, tokens INTEGER NOT NULL, nano_usd INTEGER NOT NULL,
            PRIMARY KEY (tenant, day)) WITHOUT ROWID;
        """;
}
