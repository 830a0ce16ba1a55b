using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Memory;
using Switchyard.Model;
using Switchyard.Storage;
using Switchyard.Tests.Storage;

namespace Switchyard.Tests.Memory;

public sealed class SqliteMemoryStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(MemoryHarness.Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AppendTurnsAsync_EveryPartKind_RoundTripsAfterReopen()
    {
        var message = new ChatMessage(
            ChatRole.Assistant,
            [
                new TextPart("text"),
                new ImagePart { Url = "https://example.com/a.png", Detail = "low" },
                new ImagePart { MediaType = "image/png", Base64Data = "iVBORw0KGgo=" },
                new ToolCallPart("c1", "search", "{\"q\":\"x\"}"),
                new ToolResultPart("c0", [new TextPart("result")], IsError: true),
                new ThinkingPart("hmm", "sig", Redacted: true),
                new OpaquePart(JsonDocument.Parse("{\"type\":\"custom\",\"n\":1}").RootElement),
            ])
        { Name = "bot" };
        using (var store = new SqliteMemoryStore(_database.Path, _time))
        {
            await store.AppendTurnsAsync(MemoryHarness.Key(), [message], [42], _time.GetUtcNow().AddDays(1), Ct);
        }

        using var reopened = new SqliteMemoryStore(_database.Path, _time);
        var turn = Assert.Single(await reopened.GetTurnsAsync(MemoryHarness.Key(), 0, Ct));

        Assert.Equal(1, turn.Sequence);
        Assert.Equal(42, turn.Tokens);
        Assert.Equal("bot", turn.Message.Name);
        Assert.Equal(message.Content.Take(4), turn.Message.Content.Take(4));
        var result = Assert.IsType<ToolResultPart>(turn.Message.Content[4]);
        Assert.Equal(("c0", true, "result"), (result.ToolCallId, result.IsError, Assert.IsType<TextPart>(Assert.Single(result.Content)).Text));
        Assert.Equal(message.Content[5], turn.Message.Content[5]);
        Assert.Equal("{\"type\":\"custom\",\"n\":1}", ((OpaquePart)turn.Message.Content[6]).Raw.GetRawText());
    }

    [Fact]
    public async Task AppendTurnsAsync_TwoSessions_NumberEachFromOne()
    {
        using var store = new SqliteMemoryStore(_database.Path, _time);
        var expires = _time.GetUtcNow().AddDays(1);

        await store.AppendTurnsAsync(MemoryHarness.Key("acme", "a"), [MemoryHarness.User("1"), MemoryHarness.User("2")], [1, 1], expires, Ct);
        var other = await store.AppendTurnsAsync(MemoryHarness.Key("globex", "a"), [MemoryHarness.User("x")], [1], expires, Ct);
        var third = await store.AppendTurnsAsync(MemoryHarness.Key("acme", "a"), [MemoryHarness.User("3")], [1], expires, Ct);

        Assert.Equal(1, Assert.Single(other).Sequence);
        Assert.Equal(3, Assert.Single(third).Sequence);
        Assert.Single(await store.GetTurnsAsync(MemoryHarness.Key("globex", "a"), 0, Ct));
    }

    [Fact]
    public async Task SaveSummaryAsync_StaleVersion_IsRefused()
    {
        using var store = new SqliteMemoryStore(_database.Path, _time);
        var key = MemoryHarness.Key();
        var expires = _time.GetUtcNow().AddDays(1);

        Assert.True(await store.SaveSummaryAsync(key, new SessionSummary(1, "one", 1, 4, _time.GetUtcNow()), expires, Ct));
        Assert.False(await store.SaveSummaryAsync(key, new SessionSummary(1, "racing one", 1, 4, _time.GetUtcNow()), expires, Ct));
        Assert.True(await store.SaveSummaryAsync(key, new SessionSummary(2, "two", 1, 9, _time.GetUtcNow()), expires, Ct));

        Assert.Equal("two", (await store.GetSummaryAsync(key, Ct))?.Text);
    }

    [Fact]
    public async Task SummarizerSpend_AddsPerSessionAndPerTenantDay()
    {
        using var store = new SqliteMemoryStore(_database.Path, _time);
        var day = DateOnly.FromDateTime(MemoryHarness.Start.UtcDateTime);

        await store.AddSummarizerSpendAsync(MemoryHarness.Key("acme", "a"), day, 100, 0.5m, Ct);
        await store.AddSummarizerSpendAsync(MemoryHarness.Key("acme", "b"), day, 50, 0.25m, Ct);
        await store.AddSummarizerSpendAsync(MemoryHarness.Key("globex", "a"), day, 7, 1m, Ct);

        Assert.Equal(new SummarizerSpend(50, 0.25m, 150, 0.75m), await store.GetSummarizerSpendAsync(MemoryHarness.Key("acme", "b"), day, Ct));
        Assert.Equal(new SummarizerSpend(0, 0m, 0, 0m), await store.GetSummarizerSpendAsync(MemoryHarness.Key("acme", "b"), day.AddDays(1), Ct) with { SessionTokens = 0, SessionUsd = 0 });
    }

    [Fact]
    public async Task Store_InvalidKey_IsRejected()
    {
        using var store = new SqliteMemoryStore(_database.Path, _time);

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetTurnsAsync(new MemorySessionKey("", "s"), 0, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetTurnsAsync(new MemorySessionKey("t", new string('x', 257)), 0, Ct));
    }
}
