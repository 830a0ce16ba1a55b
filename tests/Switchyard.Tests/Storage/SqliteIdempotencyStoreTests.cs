using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Storage;
using Switchyard.Streaming;

namespace Switchyard.Tests.Storage;

public sealed class SqliteIdempotencyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 20, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"model\":\"gpt-5\",\"messages\":[]}");
    private static readonly byte[] Fingerprint = IdempotencyFingerprint.Of(Body);

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    private SqliteIdempotencyStore Open(IdempotencyStoreOptions? options = null) => new(_database.Path, _time, options);

    private static IdempotentResult Result(string text = "{\"id\":\"chatcmpl-1\"}") =>
        new(200, "application/json", new Dictionary<string, string> { ["x-request-id"] = "req-1", ["x-switchyard-served-by"] = "openai" }, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Fingerprint_Of_IsTheSha256OfTheBody()
    {
        Assert.Equal(32, Fingerprint.Length);
        Assert.Equal("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", Convert.ToHexString(IdempotencyFingerprint.Of([])));
    }

    [Fact]
    public async Task ClaimAsync_NewKey_ClaimsAnInProgressRecord()
    {
        await using var store = Open();
        var claim = await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);

        Assert.Equal(IdempotencyClaimOutcome.Claimed, claim.Outcome);
        Assert.Equal(IdempotencyState.InProgress, claim.Record!.State);
        Assert.Equal(Start, claim.Record.CreatedAt);
        Assert.Equal(Start.AddHours(24), claim.Record.ExpiresAt);
    }

    [Fact]
    public async Task ClaimAsync_SameKeySameBody_ReturnsTheExistingRecord()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        Assert.True(await store.AttachStreamAsync("acme", "key-1", "stream-1", Ct));

        var claim = await store.ClaimAsync("acme", "key-1", IdempotencyFingerprint.Of(Body), Ct);

        Assert.Equal(IdempotencyClaimOutcome.Existing, claim.Outcome);
        Assert.Equal(IdempotencyState.InProgress, claim.Record!.State);
        Assert.Equal("stream-1", claim.Record.StreamId);
    }

    [Fact]
    public async Task ClaimAsync_SameKeyOtherBody_IsAMismatchWithoutTheRecord()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        await store.CompleteAsync("acme", "key-1", Result(), Ct);

        var claim = await store.ClaimAsync("acme", "key-1", IdempotencyFingerprint.Of("{}"u8), Ct);

        Assert.Equal(IdempotencyClaimOutcome.Mismatch, claim.Outcome);
        Assert.Null(claim.Record);
    }

    [Fact]
    public async Task ClaimAsync_SameKeyOtherTenant_ClaimsSeparately()
    {
        await using var store = Open();
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await store.ClaimAsync("acme", "key-1", Fingerprint, Ct)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await store.ClaimAsync("globex", "key-1", IdempotencyFingerprint.Of("{}"u8), Ct)).Outcome);

        await store.CompleteAsync("acme", "key-1", Result(), Ct);
        Assert.Equal(IdempotencyState.InProgress, (await store.GetAsync("globex", "key-1", Ct))!.State);
        Assert.Null(await store.GetAsync("initech", "key-1", Ct));
    }

    [Fact]
    public async Task ClaimAsync_TwentyConcurrentDuplicates_ExactlyOneClaims()
    {
        await using var store = Open();
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.ClaimAsync("acme", "key-1", Fingerprint, Ct), Ct)));

        Assert.Single(claims, c => c.Outcome == IdempotencyClaimOutcome.Claimed);
        Assert.Equal(19, claims.Count(c => c.Outcome == IdempotencyClaimOutcome.Existing));
    }

    [Fact]
    public async Task ClaimAsync_InvalidFingerprint_Throws()
    {
        await using var store = Open();
        await Assert.ThrowsAsync<ArgumentException>(() => store.ClaimAsync("acme", "key-1", Body, Ct));
    }

    [Fact]
    public async Task CompleteAsync_StoresTheResultForDuplicates()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        Assert.True(await store.CompleteAsync("acme", "key-1", Result(), Ct));

        var record = (await store.ClaimAsync("acme", "key-1", Fingerprint, Ct)).Record!;

        Assert.Equal(IdempotencyState.Completed, record.State);
        var result = record.Result!;
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal(Result().Headers, result.Headers);
        Assert.Equal(Result().Body.ToArray(), result.Body.ToArray());
        Assert.False(await store.CompleteAsync("acme", "key-1", Result("other"), Ct));
        Assert.False(await store.AbandonAsync("acme", "key-1", Ct));
    }

    [Fact]
    public async Task CompleteAsync_NoHeadersNoContentType_RoundTrips()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        await store.CompleteAsync("acme", "key-1", new IdempotentResult(500, null, new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty), Ct);

        var result = (await store.GetAsync("acme", "key-1", Ct))!.Result!;
        Assert.Equal(500, result.StatusCode);
        Assert.Null(result.ContentType);
        Assert.Empty(result.Headers);
        Assert.True(result.Body.IsEmpty);
    }

    [Fact]
    public async Task AbandonAsync_InProgress_LetsARetryClaimAgain()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);

        Assert.True(await store.AbandonAsync("acme", "key-1", Ct));
        Assert.Null(await store.GetAsync("acme", "key-1", Ct));
        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await store.ClaimAsync("acme", "key-1", IdempotencyFingerprint.Of("{}"u8), Ct)).Outcome);
        Assert.False(await store.AbandonAsync("acme", "unknown", Ct));
    }

    [Fact]
    public async Task AttachStreamAsync_UnknownOrCompleted_ReturnsFalse()
    {
        await using var store = Open();
        Assert.False(await store.AttachStreamAsync("acme", "key-1", "stream-1", Ct));
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        await store.CompleteAsync("acme", "key-1", Result(), Ct);
        Assert.False(await store.AttachStreamAsync("acme", "key-1", "stream-1", Ct));
    }

    [Fact]
    public async Task ClaimAsync_AfterExpiry_ClaimsAgain_AndPurgeDeletesExpired()
    {
        await using var store = Open(new IdempotencyStoreOptions { Retention = TimeSpan.FromHours(1) });
        await store.ClaimAsync("acme", "old", Fingerprint, Ct);
        await store.CompleteAsync("acme", "old", Result(), Ct);
        _time.Advance(TimeSpan.FromMinutes(30));
        await store.ClaimAsync("acme", "new", Fingerprint, Ct);
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(await store.GetAsync("acme", "old", Ct));
        Assert.NotNull(await store.GetAsync("acme", "new", Ct));
        Assert.Equal(1, await store.PurgeExpiredAsync(Ct));
        Assert.Equal(0, await store.PurgeExpiredAsync(Ct));

        await store.ClaimAsync("acme", "old2", Fingerprint, Ct);
        _time.Advance(TimeSpan.FromHours(1));
        var again = await store.ClaimAsync("acme", "old2", IdempotencyFingerprint.Of("{}"u8), Ct);
        Assert.Equal(IdempotencyClaimOutcome.Claimed, again.Outcome);
        Assert.Equal(2, await store.PurgeAsync(_time.GetUtcNow().AddHours(1), Ct));
    }

    [Fact]
    public async Task WaitForCompletionAsync_Completed_WakesTheWaiter()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        var waiting = store.WaitForCompletionAsync("acme", "key-1", TimeSpan.FromMinutes(1), Ct);
        Assert.False(waiting.IsCompleted);

        await store.CompleteAsync("acme", "key-1", Result(), Ct);

        var record = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(IdempotencyState.Completed, record!.State);
    }

    [Fact]
    public async Task WaitForCompletionAsync_StreamAttached_WakesWithTheStream()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        var waiters = Enumerable.Range(0, 3).Select(_ => store.WaitForCompletionAsync("acme", "key-1", TimeSpan.FromMinutes(1), Ct)).ToList();

        await store.AttachStreamAsync("acme", "key-1", "stream-1", Ct);

        foreach (var record in await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(10), Ct))
        {
            Assert.Equal("stream-1", record!.StreamId);
        }
    }

    [Fact]
    public async Task WaitForCompletionAsync_Abandoned_ReturnsNull()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        var waiting = store.WaitForCompletionAsync("acme", "key-1", TimeSpan.FromMinutes(1), Ct);

        await store.AbandonAsync("acme", "key-1", Ct);

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task WaitForCompletionAsync_Timeout_ReturnsTheInProgressRecord()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        var waiting = store.WaitForCompletionAsync("acme", "key-1", TimeSpan.FromSeconds(1), Ct);

        for (var i = 0; i < 10 && !waiting.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(20, Ct);
        }

        var record = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(IdempotencyState.InProgress, record!.State);
    }

    [Fact]
    public async Task WaitForCompletionAsync_CompletedElsewhere_IsSeenByPolling()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        var waiting = store.WaitForCompletionAsync("acme", "key-1", TimeSpan.FromMinutes(1), Ct);

        // Another writer on the file: no in-process signal reaches the waiter.
        await using (var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString()))
        {
            await other.OpenAsync(Ct);
            await using var command = other.CreateCommand();
            command.CommandText = "UPDATE idempotency SET state = 1, status = 200, body = x'7B7D' WHERE tenant = 'acme' AND idem_key = 'key-1';";
            await command.ExecuteNonQueryAsync(Ct);
        }

        await Task.Delay(50, Ct);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(250));

        var record = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(IdempotencyState.Completed, record!.State);
        Assert.Equal("{}"u8.ToArray(), record.Result!.Body.ToArray());
    }

    [Fact]
    public async Task WaitForCompletionAsync_Cancelled_Throws()
    {
        await using var store = Open();
        await store.ClaimAsync("acme", "key-1", Fingerprint, Ct);
        using var cts = new CancellationTokenSource();
        var waiting = store.WaitForCompletionAsync("acme", "key-1", TimeSpan.FromMinutes(1), cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task Open_AfterCrash_DeletesInProgressWithoutStream_KeepsTheRest()
    {
        await using (var crashed = Open())
        {
            await crashed.ClaimAsync("acme", "no-stream", Fingerprint, Ct);
            await crashed.ClaimAsync("acme", "streaming", Fingerprint, Ct);
            await crashed.AttachStreamAsync("acme", "streaming", "stream-1", Ct);
            await crashed.ClaimAsync("acme", "done", Fingerprint, Ct);
            await crashed.CompleteAsync("acme", "done", Result(), Ct);
        }

        await using var store = Open();

        Assert.Equal(IdempotencyClaimOutcome.Claimed, (await store.ClaimAsync("acme", "no-stream", Fingerprint, Ct)).Outcome);
        var streaming = await store.ClaimAsync("acme", "streaming", Fingerprint, Ct);
        Assert.Equal(IdempotencyClaimOutcome.Existing, streaming.Outcome);
        Assert.Equal("stream-1", streaming.Record!.StreamId);
        Assert.Equal(IdempotencyState.Completed, (await store.GetAsync("acme", "done", Ct))!.State);
    }

    [Fact]
    public void Options_Invalid_AreAllListed()
    {
        var errors = new IdempotencyStoreOptions { Retention = TimeSpan.Zero, PollInterval = TimeSpan.Zero }.Validate();
        Assert.Equal(2, errors.Count);
        Assert.Throws<ArgumentException>(() => Open(new IdempotencyStoreOptions { Retention = TimeSpan.Zero }));
    }
}
