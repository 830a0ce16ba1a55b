using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Switchyard.Streaming;

public sealed partial class SqliteDeltaLog
{
    /// <inheritdoc />
    /// <remarks>Reads on its own short-lived connection (a WAL reader), so it never waits for the writer.</remarks>
    public async Task<StreamHeader?> GetHeaderAsync(string streamId, string tenant, CancellationToken ct) =>
        (await GetStreamAsync(streamId, tenant, ct).ConfigureAwait(false))?.Header;

    /// <inheritdoc />
    public async Task<StreamState?> GetStateAsync(string streamId, string tenant, CancellationToken ct) =>
        (await GetStreamAsync(streamId, tenant, ct).ConfigureAwait(false))?.State;

    /// <inheritdoc />
    /// <remarks>
    /// For a stream this log holds in memory (open, or completed and not yet committed), the reader snapshots (under the stream's lock) how far the database is written and
    /// the events not yet written, and subscribes to the ones to come, so it sees every event exactly once. Any other
    /// stream is read from the file alone and ends after its last logged event; on opening, the log marked streams
    /// left open by a stopped process as <see cref="StreamState.Interrupted"/>.
    /// </remarks>
    public async IAsyncEnumerable<StreamEventRecord> ReadAsync(
        string streamId, string tenant, long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(tenant);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_live.TryGetValue(streamId, out var live))
        {
            if (await GetStreamAsync(streamId, tenant, ct).ConfigureAwait(false) is null)
            {
                yield break;
            }

            await foreach (var record in ReadDurableAsync(streamId, afterSequence, long.MaxValue, ct).ConfigureAwait(false))
            {
                yield return record;
            }

            yield break;
        }

        if (!string.Equals(live.Header.Tenant, tenant, StringComparison.Ordinal))
        {
            yield break;
        }

        var subscription = live.Subscribe(afterSequence);
        try
        {
            await foreach (var record in ReadDurableAsync(streamId, afterSequence, subscription.DurableThrough, ct).ConfigureAwait(false))
            {
                yield return record;
            }

            foreach (var record in subscription.Pending)
            {
                yield return record;
            }

            if (subscription.Live is { } channel)
            {
                await foreach (var record in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    if (record.Sequence > afterSequence)
                    {
                        yield return record;
                    }
                }
            }
        }
        finally
        {
            if (subscription.Live is { } channel)
            {
                live.Unsubscribe(channel);
            }
        }
    }

    private async IAsyncEnumerable<StreamEventRecord> ReadDurableAsync(
        string streamId, long afterSequence, long throughSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        if (throughSequence <= afterSequence)
        {
            yield break;
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = DeltaLogSchema.SelectChunks;
        command.Parameters.AddWithValue("$id", streamId);
        command.Parameters.AddWithValue("$after", afterSequence);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var first = reader.GetInt64(0);
            if (first > throughSequence)
            {
                yield break;
            }

            var records = EventChunk.Unpack((byte[])reader.GetValue(2), afterSequence);
            var last = reader.GetInt64(1);
            if (records.Count == 0 || records[^1].Sequence != last || (first > afterSequence && records[0].Sequence != first))
            {
                throw new InvalidDataException(
                    $"The delta log chunk of stream '{streamId}' ending at {last} does not hold the sequences {first}..{last} its row claims.");
            }

            foreach (var record in records)
            {
                if (record.Sequence > throughSequence)
                {
                    yield break;
                }

                yield return record;
            }
        }
    }

    // A stream this log holds in memory (open, or completed but its end not yet committed) is answered from there: the
    // file may not have its row yet. The writer drops it from memory only after committing its end, so any other stream
    // the file does not have does not exist.
    private async Task<(StreamHeader Header, StreamState State)?> GetStreamAsync(string streamId, string tenant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(tenant);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_live.TryGetValue(streamId, out var live))
        {
            return string.Equals(live.Header.Tenant, tenant, StringComparison.Ordinal) ? (live.Header, live.State) : null;
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = DeltaLogSchema.SelectStream;
        command.Parameters.AddWithValue("$id", streamId);
        command.Parameters.AddWithValue("$tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var header = new StreamHeader(streamId, reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
        return (header, (StreamState)reader.GetInt32(3));
    }
}
