using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Switchyard.Costs;

namespace Switchyard.Storage;

/// <summary>
/// <see cref="IBudgetLedger"/> on one SQLite file (WAL, <c>synchronous=NORMAL</c>), shareable by several gateway
/// processes. Thread-safe: one connection and one gate serialize this instance's operations, and every check-and-write
/// runs in a <c>BEGIN IMMEDIATE</c> transaction, which SQLite serializes across processes too. Amounts are stored as
/// integer nano-dollars (<see cref="NanoDollars"/>); the schema is in <see cref="SqliteLedgerSchema"/>.
/// Settles and records are queued and committed in batches by a background writer (off the request path); every other
/// operation of the instance commits the queue first, so within the process they are seen at once, and dispose commits
/// what is left.
/// Cancellation is observed only while waiting for the gate: a transaction that has started always completes, so a
/// cancelled caller never leaves a half-written settle behind.
/// </summary>
public sealed partial class SqliteBudgetLedger : IBudgetLedger
{
    private static readonly Meter Meter = new("Switchyard.Costs");
    private static readonly Counter<long> Reservations = Meter.CreateCounter<long>(
        "switchyard.budget.reservations", "{reservation}", "Budget reservations by outcome (admitted, refused).");

    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteCommand _insertReservation;
    private readonly SqliteCommand _deleteReservation;
    private readonly SqliteCommand _deleteExpired;
    private readonly SpendRowInsert _spendRows;
    private readonly SqliteCommand[] _windowSums;
    private BudgetDefinition[] _budgets;
    private bool _disposed;

    /// <summary>Opens (creating when missing) the ledger and its schema.</summary>
    /// <param name="connectionStringOrPath">A SQLite connection string (contains <c>=</c>) or a database file path.</param>
    /// <param name="budgets">The budgets to enforce; see <see cref="UpdateBudgets"/>.</param>
    /// <param name="time">The clock for windows and expiry.</param>
    /// <exception cref="ArgumentException">The budget list is invalid (every problem is listed).</exception>
    /// <exception cref="NotSupportedException">The file was written by a newer schema version.</exception>
    public SqliteBudgetLedger(string connectionStringOrPath, IReadOnlyList<BudgetDefinition> budgets, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        ArgumentNullException.ThrowIfNull(time);
        _budgets = Checked(budgets);
        _time = time;
        _connectionString = SqliteFile.ConnectionString(connectionStringOrPath);
        _connection = new SqliteConnection(_connectionString);
        try
        {
            _connection.Open();
            SqliteFile.Configure(_connection);
            Migrate(_connection);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _insertReservation = Prepare(SqliteLedgerSchema.InsertReservation, "$id", "$now", "$expires", "$tenant", "$key", "$route", "$provider", "$model", "$amount");
        _deleteReservation = Prepare(SqliteLedgerSchema.DeleteReservation, "$id");
        _deleteExpired = Prepare(SqliteLedgerSchema.DeleteExpired, "$now");
        _spendRows = new SpendRowInsert(_connection);
        _windowSums =
        [
            Prepare(SqliteLedgerSchema.WindowSums(null), "$aligned", "$start", "$now"),
            Prepare(SqliteLedgerSchema.WindowSums("tenant"), "$subject", "$aligned", "$start", "$now"),
            Prepare(SqliteLedgerSchema.WindowSums("key_name"), "$subject", "$aligned", "$start", "$now"),
            Prepare(SqliteLedgerSchema.WindowSums("route"), "$subject", "$aligned", "$start", "$now"),
        ];
        StartSpendWriter();
    }

    /// <summary>The budgets currently enforced.</summary>
    public IReadOnlyList<BudgetDefinition> Budgets => Volatile.Read(ref _budgets);

    /// <summary>
    /// Replaces the enforced budgets (configuration reload). Spend and reservations are kept; reservations already made
    /// stay valid. Thread-safe; operations in flight finish with the list they started with.
    /// </summary>
    /// <exception cref="ArgumentException">The list is invalid; the previous list stays in force.</exception>
    public void UpdateBudgets(IReadOnlyList<BudgetDefinition> budgets) => Volatile.Write(ref _budgets, Checked(budgets));

    /// <inheritdoc />
    /// <remarks>Commits every queued settle and record before closing: a clean shutdown loses no spend.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (_spendQueue.Writer.TryComplete() && _spendWriter is { } writer)
        {
            await _writerStopping.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
        }

        _writerStopping.Dispose();

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            CommitQueuedSpend(transaction: null);
            _disposed = true;
            foreach (var command in (SqliteCommand[])[_insertReservation, _deleteReservation, _deleteExpired, .. _windowSums])
            {
                command.Dispose();
            }

            _spendRows.Dispose();

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static BudgetDefinition[] Checked(IReadOnlyList<BudgetDefinition> budgets)
    {
        var errors = BudgetDefinition.Validate(budgets);
        return errors.Count == 0 ? [.. budgets] : throw new ArgumentException(string.Join(" ", errors), nameof(budgets));
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SqliteLedgerSchema.Version)
        {
            throw new NotSupportedException($"The ledger file has schema version {version}; this build knows up to {SqliteLedgerSchema.Version}.");
        }

        if (version == 0)
        {
            command.CommandText = SqliteLedgerSchema.Create;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteFile.Prepare(_connection, sql, parameters);

    private static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
