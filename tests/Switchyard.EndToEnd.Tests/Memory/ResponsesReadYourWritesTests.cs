#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Data.Sqlite;
using OpenAI.Responses;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// A stored response can be used the moment its answer arrives, even when the gateway has not finished writing it: a
/// streamed answer's last event goes out before the stream log has it durably and the conversation store has it at
/// all (a buffered answer, likewise, is written after it is sent). Each test holds the stream log's write lock from
/// outside (a second SQLite connection), so the gateway's writes wait; the follow-up request must wait for them too,
/// not answer 404. Without that wait, a client continuing a response at once on a busy gateway got "not found".
/// </summary>
public sealed class ResponsesReadYourWritesTests(ConversationHarness harness) : IClassFixture<ConversationHarness>
{
    private static readonly TimeSpan Held = TimeSpan.FromMilliseconds(400);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ResponsesClient Client() =>
        new(new ApiKeyCredential(ConversationHarness.Key), new ResponsesClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task Continue_WhileTheAnswerIsStillBeingStored_WaitsForItInsteadOf404()
    {
        var client = Client();
        string id;
        using (var locker = await LockStreamLogAsync())
        {
            id = await CreateAsync(client, "Remember: the password is swordfish.");
            var next = client.CreateResponseAsync(Options("claude-haiku-4-5", "What is the password?", previous: id), Ct);
            await ReleaseLaterAsync(locker);

            ResponseResult second = (await next).Value;
            Assert.Equal(id, second.PreviousResponseId);
        }

        var (_, body) = await harness.LastSimulatorRequestAsync();
        Assert.Contains("swordfish", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InputItems_WhileTheAnswerIsStillBeingStored_WaitsForThem()
    {
        var client = Client();
        using var locker = await LockStreamLogAsync();
        var id = await CreateAsync(client, "List me.");

        var items = client.GetResponseInputItemsAsync(id, cancellationToken: Ct).ToListAsync(Ct).AsTask();
        await ReleaseLaterAsync(locker);

        Assert.Single(await items);
    }

    [Fact]
    public async Task Delete_WhileTheAnswerIsStillBeingStored_DeletesItForGood()
    {
        var client = Client();
        string id;
        using (var locker = await LockStreamLogAsync())
        {
            id = await CreateAsync(client, "Forget me at once.");
            var deletion = client.DeleteResponseAsync(id, Ct);
            await ReleaseLaterAsync(locker);

            Assert.True((await deletion).Value.Deleted);
        }

        var chain = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(Options("gpt-4o-mini", "Still there?", previous: id), Ct));
        Assert.Equal(404, chain.Status);
    }

    /// <summary>A streamed response, left at its last event: its HTTP response ends only once the gateway has stored it.</summary>
    private static async Task<string> CreateAsync(ResponsesClient client, string input)
    {
        var options = Options("gpt-4o-mini", input);
        options.StreamingEnabled = true;
        await foreach (var update in await client.CreateResponseStreamingAsync(options, Ct))
        {
            if (update is StreamingResponseCompletedUpdate completed)
            {
                return completed.Response.Id;
            }
        }

        throw new InvalidOperationException("The stream ended without response.completed.");
    }

    /// <summary>Takes the stream log's write lock (<c>BEGIN IMMEDIATE</c>); readers still read.</summary>
    private async Task<SqliteConnection> LockStreamLogAsync()
    {
        var path = Path.ChangeExtension(harness.DatabasePath, null) + ".streams.db";
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync(Ct);
        return connection;
    }

    /// <summary>Lets the follow-up request reach the gateway and miss, then releases the lock.</summary>
    private static async Task ReleaseLaterAsync(SqliteConnection locker)
    {
        await Task.Delay(Held, Ct);
        using var rollback = locker.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync(Ct);
    }

    private static CreateResponseOptions Options(string model, string input, string? previous = null)
    {
        var options = new CreateResponseOptions { Model = model, PreviousResponseId = previous };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(input));
        return options;
    }
}
