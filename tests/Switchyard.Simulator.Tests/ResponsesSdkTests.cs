#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI.Responses;

namespace Switchyard.Simulator.Tests;

/// <summary>The official OpenAI .NET SDK's Responses client against a real simulator on loopback.</summary>
public sealed class ResponsesSdkTests
{
    private static ResponsesClient Client(SimulatorHost host) =>
        new(new ApiKeyCredential("k"), new ResponsesClientOptions { Endpoint = new Uri(host.BaseAddress, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task CreateStreamAndRetrieve_TextMatchesPrediction()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = Client(host);
        var expected = SimulatedText.Predict(SimulatorApi.OpenAIResponses, """{"model":"gpt-4o","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello"}]}]}""", 42);

        ResponseResult created = await client.CreateResponseAsync("gpt-4o", "Hello", cancellationToken: ct);
        var streamed = new StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await client.CreateResponseStreamingAsync("gpt-4o", "Hello", cancellationToken: ct))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                streamed.Append(delta.Delta);
            }
            else if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }

        ResponseResult retrieved = await client.GetResponseAsync(created.Id, ct);

        Assert.Equal(expected.Text, created.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, created.Status);
        Assert.Equal(expected.Text, streamed.ToString());
        Assert.NotNull(completed);
        Assert.Equal(expected.Text, completed.GetOutputText());
        Assert.Equal(created.Id, retrieved.Id);
        Assert.Equal(expected.Text, retrieved.GetOutputText());
        Assert.Equal(expected.CompletionTokens, retrieved.Usage.OutputTokenCount);
    }
}
