namespace Switchyard.Storage;

/// <summary>
/// The ledger's tables (version 1, kept in <c>PRAGMA user_version</c>). Times are Unix milliseconds UTC; amounts are
/// <see cref="NanoDollars"/>. <c>spend</c> is the append-only journal; <c>spend_hourly</c> rolls it up per UTC hour and
/// (tenant, key, route) in the same transaction, so a window sum reads at most one bucket per hour plus the raw rows of
/// a rolling window's first partial hour instead of every request of the month.
/// </summary>
internal static class SqliteLedgerSchema
{
    public const int Version = 1;

    public const long HourMs = 3_600_000;

    public const string Create = """
        CREATE TABLE spend (
            id                 INTEGER PRIMARY KEY,
            at_ms              INTEGER NOT NULL,
            tenant             TEXT    NOT NULL,
            key_name           TEXT    NOT NULL,
            route              TEXT    NOT NULL,
            provider           TEXT    NOT NULL,
            model              TEXT    NOT NULL,
            input_tokens       INTEGER NOT NULL,
            cached_tokens      INTEGER NOT NULL,
            cache_write_tokens INTEGER NOT NULL,
            output_tokens      INTEGER NOT NULL,
            reasoning_tokens   INTEGER NOT NULL,
            cost_nanos         INTEGER NOT NULL,
            batch              INTEGER NOT NULL
        );
        CREATE INDEX spend_at ON spend (at_ms, cost_nanos);
        CREATE INDEX spend_tenant_at ON spend (tenant, at_ms, cost_nanos);
        CREATE INDEX spend_key_at ON spend (key_name, at_ms, cost_nanos);
        CREATE INDEX spend_route_at ON spend (route, at_ms, cost_nanos);

        CREATE TABLE spend_hourly (
            hour_ms    INTEGER NOT NULL,
            tenant     TEXT    NOT NULL,
            key_name   TEXT    NOT NULL,
            route      TEXT    NOT NULL,
            cost_nanos INTEGER NOT NULL,
            PRIMARY KEY (hour_ms, tenant, key_name, route)
        ) WITHOUT ROWID;
        CREATE INDEX spend_hourly_tenant ON spend_hourly (tenant, hour_ms, cost_nanos);
        CREATE INDEX spend_hourly_key ON spend_hourly (key_name, hour_ms, cost_nanos);
        CREATE INDEX spend_hourly_route ON spend_hourly (route, hour_ms, cost_nanos);

        CREATE TABLE reservations (
            id           BLOB    PRIMARY KEY,
            created_ms   INTEGER NOT NULL,
            expires_ms   INTEGER NOT NULL,
            tenant       TEXT    NOT NULL,
            key_name     TEXT    NOT NULL,
            route        TEXT    NOT NULL,
            provider     TEXT    NOT NULL,
            model        TEXT    NOT NULL,
            amount_nanos INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX reservations_expires ON reservations (expires_ms);

        PRAGMA user_version = 1;
        """;

    public const string InsertReservation = """
        INSERT INTO reservations (id, created_ms, expires_ms, tenant, key_name, route, provider, model, amount_nanos)
        VALUES ($id, $now, $expires, $tenant, $key, $route, $provider, $model, $amount);
        """;

    public const string DeleteReservation = "DELETE FROM reservations WHERE id = $id;";

    public const string DeleteExpired = "DELETE FROM reservations WHERE expires_ms <= $now;";

    // The spend writer's statements, bound by position (SpendRowInsert): a settle deletes its reservation and adds the
    // spend row and its hourly sum.
    public const string InsertSpendPositional = """
        INSERT INTO spend (at_ms, tenant, key_name, route, provider, model, input_tokens, cached_tokens,
                           cache_write_tokens, output_tokens, reasoning_tokens, cost_nanos, batch)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);
        """;

    public const string AddSpendHourlyPositional = """
        INSERT INTO spend_hourly (hour_ms, tenant, key_name, route, cost_nanos)
        VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (hour_ms, tenant, key_name, route) DO UPDATE SET cost_nanos = cost_nanos + excluded.cost_nanos;
        """;

    public const string DeleteReservationPositional = "DELETE FROM reservations WHERE id = ?1;";

    /// <summary>
    /// Spent and reserved for one budget subject. <c>$aligned</c> is the window start rounded up to the hour: whole hours
    /// come from the roll-up, the partial hour before it from the journal.
    /// </summary>
    public static string WindowSums(string? column)
    {
        var subject = column is null ? string.Empty : $"{column} = $subject AND ";
        return $"""
            SELECT
                (SELECT COALESCE(SUM(cost_nanos), 0) FROM spend_hourly WHERE {subject}hour_ms >= $aligned)
              + (SELECT COALESCE(SUM(cost_nanos), 0) FROM spend WHERE {subject}at_ms >= $start AND at_ms < $aligned),
                (SELECT COALESCE(SUM(amount_nanos), 0) FROM reservations WHERE {subject}expires_ms > $now);
            """;
    }
}
