using Microsoft.Extensions.Time.Testing;
using Switchyard.Conversations;
using Switchyard.Model;
using Switchyard.Tests.Storage;

namespace Switchyard.Tests.Conversations;

/// <summary><see cref="SqliteConversationStore.LoadChainAsync"/>: the stored responses of a chain, whole and oldest first, per tenant.</summary>
public sealed class SqliteConversationStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task LoadChainAsync_ThreeResponses_AreReturnedWholeOldestFirst()
    {
        await using var store = await ChainOfThreeAsync();

        var chain = await store.LoadChainAsync("acme", "resp_3", Ct);

        Assert.NotNull(chain);
        Assert.Equal(["resp_1", "resp_2", "resp_3"], chain.Select(r => r.Id));
        Assert.Equal(["one", "two", "three"], chain.Select(r => r.Input[0].Text));
        Assert.Equal("answer to two", chain[1].Output[0].Text);
        Assert.Equal("{\"id\":\"resp_2\"}", System.Text.Encoding.UTF8.GetString(chain[1].ResponseObject!));
        Assert.Equal(["resp_1", "resp_2"], (await store.LoadChainAsync("acme", "resp_2", Ct))!.Select(r => r.Id));
    }

    [Fact]
    public async Task LoadChainAsync_OfAnotherTenantOrUnknown_IsNull_AndADeletedAncestorEndsTheChain()
    {
        await using var store = await ChainOfThreeAsync();
        await store.DeleteAsync("acme", "resp_2", Ct);

        Assert.Null(await store.LoadChainAsync("globex", "resp_3", Ct));
        Assert.Null(await store.LoadChainAsync("acme", "resp_2", Ct));
        Assert.Equal(["resp_3"], (await store.LoadChainAsync("acme", "resp_3", Ct))!.Select(r => r.Id));
    }

    /// <summary>A store holding resp_1 ← resp_2 ← resp_3 of tenant acme, with the inputs one, two, three.</summary>
    private async Task<SqliteConversationStore> ChainOfThreeAsync()
    {
        var store = new SqliteConversationStore(_database.Path, _time);
        await store.SaveAsync(Response("resp_1", null, "one"), Ct);
        await store.SaveAsync(Response("resp_2", "resp_1", "two"), Ct);
        await store.SaveAsync(Response("resp_3", "resp_2", "three"), Ct);
        return store;
    }

    private static StoredResponse Response(string id, string? previous, string input) =>
        new(id, "acme", previous, "resp_1", [ChatMessage.FromText(ChatRole.User, input)], [ChatMessage.FromText(ChatRole.Assistant, "answer to " + input)])
        {
            ResponseObject = System.Text.Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"),
        };
}
