#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI.Responses;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>The official OpenAI .NET SDK's Responses client against the gateway, served by either provider.</summary>
public sealed class ResponsesSdkTests(RecoveryHarness harness) : IClassFixture<RecoveryHarness>
{
    private const string Question = "Explain tides to a child.";

    public static TheoryData<string> Models => ["gpt-4o-mini", "claude-haiku-4-5"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ResponsesClient Client(string key = RecoveryHarness.Key) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CreateStreamAndRetrieve_AnyProvider_OneGatewayIdAndTheSameText(string model)
    {
        await harness.ResetSimulatorAsync();
        var client = Client();

        ResponseResult created = await client.CreateResponseAsync(model, Question, cancellationToken: Ct);
        var streamed = new StringBuilder();
        string? streamedId = null;
        await foreach (var update in await client.CreateResponseStreamingAsync(model, Question, cancellationToken: Ct))
        {
            streamed.Append((update as StreamingResponseOutputTextDeltaUpdate)?.Delta);
            streamedId ??= (update as StreamingResponseCreatedUpdate)?.Response.Id;
        }

        ResponseResult retrieved = await client.GetResponseAsync(created.Id, Ct);
        ResponseResult retrievedStream = await client.GetResponseAsync(streamedId!, Ct);

        Assert.StartsWith("resp_", created.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, created.Status);
        Assert.False(string.IsNullOrEmpty(created.GetOutputText()));
        Assert.Equal(created.GetOutputText(), streamed.ToString());
        Assert.Equal(created.GetOutputText(), retrieved.GetOutputText());
        Assert.Equal(created.GetOutputText(), retrievedStream.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, retrievedStream.Status);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Resume_WithStartingAfter_TheSdkGetsTheRestExactlyOnce(string model)
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":300}}]}""");
        var client = Client();
        var first = new StringBuilder();
        string? id = null;
        var last = -1;
        await foreach (var update in await client.CreateResponseStreamingAsync(model, Question, cancellationToken: Ct))
        {
            id ??= (update as StreamingResponseCreatedUpdate)?.Response.Id;
            first.Append((update as StreamingResponseOutputTextDeltaUpdate)?.Delta);
            last = update.SequenceNumber;
            if (update is StreamingResponseOutputTextDeltaUpdate && first.Length > 20)
            {
                break; // The client drops mid-stream.
            }
        }

        var rest = new StringBuilder();
        var sequences = new List<int>();
        await foreach (var update in await client.GetResponseStreamingAsync(new GetResponseOptions(id!) { StreamingEnabled = true, StartingAfter = last }, Ct))
        {
            rest.Append((update as StreamingResponseOutputTextDeltaUpdate)?.Delta);
            sequences.Add(update.SequenceNumber);
        }

        ResponseResult final = await client.GetResponseAsync(id!, Ct);
        Assert.Equal(last + 1, sequences[0]);
        Assert.Equal(Enumerable.Range(last + 1, sequences.Count), sequences);
        Assert.Equal(final.GetOutputText(), first.ToString() + rest);
    }

    [Fact]
    public async Task Background_PollUntilDone_CompletesWithTheAnswer()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        ResponseResult foreground = await client.CreateResponseAsync("gpt-4o-mini", Question, cancellationToken: Ct);

        ResponseResult queued = await client.CreateResponseAsync(Background(), Ct);
        var current = queued;
        for (var i = 0; i < 200 && current.Status is ResponseStatus.Queued or ResponseStatus.InProgress; i++)
        {
            await Task.Delay(25, Ct);
            current = await client.GetResponseAsync(queued.Id, Ct);
        }

        Assert.Equal(ResponseStatus.Queued, queued.Status);
        Assert.Equal(ResponseStatus.Completed, current.Status);
        Assert.Equal(foreground.GetOutputText(), current.GetOutputText());
    }

    [Fact]
    public async Task Background_Cancel_StopsItAndReadsAsCancelled()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":20}}]}""");
        var client = Client();
        ResponseResult queued = await client.CreateResponseAsync(Background(), Ct);

        ResponseResult cancelled = await client.CancelResponseAsync(queued.Id, Ct);
        ResponseResult again = await client.CancelResponseAsync(queued.Id, Ct);

        Assert.Equal(ResponseStatus.Cancelled, cancelled.Status);
        Assert.Equal(ResponseStatus.Cancelled, again.Status);
    }

    private static CreateResponseOptions Background()
    {
        var options = new CreateResponseOptions { Model = "gpt-4o-mini", BackgroundModeEnabled = true };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(Question));
        return options;
    }

    [Fact]
    public async Task Retrieve_ByAnotherTenant_IsNotFound()
    {
        await harness.ResetSimulatorAsync();
        ResponseResult created = await Client().CreateResponseAsync("gpt-4o-mini", Question, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(RecoveryHarness.OtherTenantKey).GetResponseAsync(created.Id, Ct));

        Assert.Equal(404, error.Status);
    }
}
