using System.Text.Json;
using Switchyard.Memory;
using Switchyard.Storage;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// A graceful shutdown right after a burst of answered turns loses none of them: the background recorder drains its
/// queue (bounded) before the memory store closes. Checked by reopening the memory file after the gateway stopped.
/// </summary>
public sealed class MemoryShutdownTests
{
    private const int Sessions = 24;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shutdown_RightAfterABurstOfTurns_EveryTurnIsRecorded()
    {
        var harness = new MemoryHarness();
        await harness.InitializeAsync();
        try
        {
            var tag = Guid.NewGuid().ToString("N");
            var answers = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => harness.PostAsync(
                "/v1/chat/completions",
                JsonSerializer.Serialize(new
                {
                    model = "gpt-4o-mini",
                    max_tokens = 20,
                    metadata = new { session_id = $"{tag}-{i}" },
                    messages = new[] { new { role = "user", content = $"Remember that parcel {i} goes to dock {i * 7}." } },
                }))));
            Assert.All(answers, a => Assert.Equal(200, (int)a.StatusCode));

            await harness.StopGatewayAsync();

            using var store = new SqliteMemoryStore(Path.ChangeExtension(harness.DatabasePath, null) + ".memory.db", TimeProvider.System);
            for (var i = 0; i < Sessions; i++)
            {
                var turns = await store.GetTurnsAsync(new MemorySessionKey("acme", $"{tag}-{i}"), 0, Ct);
                Assert.True(turns.Count == 2, $"session {i}: {turns.Count} turns recorded");
            }
        }
        finally
        {
            await harness.DisposeAsync();
        }
    }
}
