#pragma warning disable OPENAI001 // The SDK marks its Responses client experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using OpenAI.Responses;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

/// <summary>What the Responses codec writes for clients must parse with the official OpenAI .NET SDK.</summary>
public sealed class ResponsesOfficialSdkTests
{
    [Fact]
    public async Task Encoder_TextAndToolCalls_ParseWithOfficialSdk()
    {
        var sse = ResponsesStream.Encode(ResponsesStreamEncoderTests.TextAndToolCall, ResponsesStream.Request());

        var text = new StringBuilder();
        var sequence = new List<int>();
        var calls = new List<FunctionCallResponseItem>();
        ResponseResult? completed = null;
        await foreach (var update in await Client(CannedHandler.Sse(sse)).CreateResponseStreamingAsync(Options(stream: true), TestContext.Current.CancellationToken))
        {
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    text.Append(delta.Delta);
                    break;
                case StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem call }:
                    calls.Add(call);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
        Assert.Equal("Hello world", text.ToString());
        Assert.Equal([("call_1", "get_weather", "{\"city\":\"Oslo\"}"), ("call_2", "get_time", "{}")], calls.Select(c => (c.CallId, c.FunctionName, c.FunctionArguments.ToString())));
        Assert.NotNull(completed);
        Assert.Equal("resp_gw7", completed.Id);
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        Assert.Equal("Hello world", completed.GetOutputText());
        Assert.Equal((30, 12, 42, 10, 3), (completed.Usage.InputTokenCount, completed.Usage.OutputTokenCount, completed.Usage.TotalTokenCount,
            completed.Usage.InputTokenDetails.CachedTokenCount, completed.Usage.OutputTokenDetails.ReasoningTokenCount));
    }

    [Fact]
    public async Task Encoder_StreamError_SurfacesErrorAndFailedResponseInOfficialSdk()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("resp_e", "m"), new TextDeltaEvent("Partial"),
            new StreamErrorEvent(new Failure(FailureKind.RateLimited, "Slow down.")),
        ];
        var sse = ResponsesStream.Encode(events, ResponsesStream.Request());

        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await Client(CannedHandler.Sse(sse)).CreateResponseStreamingAsync(Options(stream: true), TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var error = Assert.Single(updates.OfType<StreamingResponseErrorUpdate>());
        Assert.Equal("Slow down.", error.Message);
        Assert.Equal("rate_limit_exceeded", error.Code);
        var failed = Assert.Single(updates.OfType<StreamingResponseFailedUpdate>());
        Assert.Equal(ResponseStatus.Failed, failed.Response.Status);
        Assert.Equal("Slow down.", failed.Response.Error.Message);
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
    }

    [Fact]
    public async Task WriteResponse_ParsesWithOfficialSdk()
    {
        var body = ResponsesStream.Codec.WriteResponse(ResponsesResponseTests.Response(FinishReason.ToolCalls));

        var response = (await Client(new CannedHandler(HttpStatusCode.OK, "application/json", body))
            .CreateResponseAsync(Options(stream: false), TestContext.Current.CancellationToken)).Value;

        Assert.Equal("resp_gw1", response.Id);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("Checking.", response.GetOutputText());
        var call = Assert.Single(response.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal(("call_9", "lookup", "{\"q\":\"x\"}"), (call.CallId, call.FunctionName, call.FunctionArguments.ToString()));
        Assert.Single(response.OutputItems.OfType<ReasoningResponseItem>());
        Assert.Equal((50, 20, 4, 2), (response.Usage.InputTokenCount, response.Usage.OutputTokenCount,
            response.Usage.InputTokenDetails.CachedTokenCount, response.Usage.OutputTokenDetails.ReasoningTokenCount));
    }

    [Fact]
    public async Task WriteResponse_Length_IsIncompleteInOfficialSdk()
    {
        var body = ResponsesStream.Codec.WriteResponse(ResponsesResponseTests.Response(FinishReason.Length));

        var response = (await Client(new CannedHandler(HttpStatusCode.OK, "application/json", body))
            .CreateResponseAsync(Options(stream: false), TestContext.Current.CancellationToken)).Value;

        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, response.IncompleteStatusDetails.Reason);
    }

    [Fact]
    public async Task ReadRequest_OfficialSdkRequest_IsAccepted()
    {
        var handler = CannedHandler.Sse(ResponsesStream.Encode(ResponsesStreamEncoderTests.TextAndToolCall, ResponsesStream.Request()));
        var options = Options(stream: true);
        options.Instructions = "Be brief.";
        options.MaxOutputTokenCount = 64;
        options.Temperature = 0.2f;
        options.Tools.Add(ResponseTool.CreateFunctionTool("lookup", BinaryData.FromString("""{"type":"object","properties":{}}"""), strictModeEnabled: false, functionDescription: "Looks up"));
        options.ToolChoice = ResponseToolChoice.CreateRequiredChoice();
        options.InputItems.Add(ResponseItem.CreateFunctionCallItem("call_1", "lookup", BinaryData.FromString("{}")));
        options.InputItems.Add(ResponseItem.CreateFunctionCallOutputItem("call_1", "found"));
        await foreach (var _ in await Client(handler).CreateResponseStreamingAsync(options, TestContext.Current.CancellationToken))
        {
        }

        var result = OpenAIResponsesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(handler.LastRequestBody!));

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.True(result.Value.Stream);
        Assert.Equal(64, result.Value.MaxOutputTokens);
        Assert.Equal(ToolChoiceMode.Required, result.Value.ToolChoice!.Mode);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], result.Value.Messages.Select(m => m.Role));
    }

    private static CreateResponseOptions Options(bool stream)
    {
        var options = new CreateResponseOptions { Model = "gpt-4o-mini", StreamingEnabled = stream };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem("hi"));
        return options;
    }

    private static ResponsesClient Client(HttpMessageHandler handler) =>
        new(new ApiKeyCredential("sk-test"), new ResponsesClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
            RetryPolicy = new ClientRetryPolicy(0),
        });
}
