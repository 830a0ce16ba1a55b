using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Failures;
using Switchyard.Model;
using CanonicalRole = Switchyard.Model.ChatRole;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>What the codec writes for OpenAI clients must parse with the official OpenAI .NET SDK.</summary>
public sealed class OfficialSdkTests
{
    [Fact]
    public async Task Encoder_CrossFormatStream_ParsesWithOfficialSdk()
    {
        var request = new ChatRequest { Model = "m", Messages = [Switchyard.Model.ChatMessage.FromText(CanonicalRole.User, "hi")], Stream = true, IncludeUsage = true };
        var sse = StreamResult.Encode(
            [new MessageStartEvent("msg_01", "claude-sonnet-4-5"), new TextDeltaEvent("Hello"), new TextDeltaEvent(" world"),
             new ToolCallStartEvent(0, "toolu_1", "get_weather"), new ToolCallArgumentsDeltaEvent(0, "{\"city\":"), new ToolCallArgumentsDeltaEvent(0, "\"Oslo\"}"),
             new FinishEvent(FinishReason.ToolCalls), new UsageEvent(new TokenUsage(30, 12, CachedInputTokens: 10)), StreamEndEvent.Instance],
            request);

        var text = string.Empty;
        var arguments = string.Empty;
        string? toolId = null, toolName = null, completionId = null;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in Client(CannedHandler.Sse(sse)).CompleteChatStreamingAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken))
        {
            completionId ??= update.CompletionId;
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            foreach (var call in update.ToolCallUpdates)
            {
                toolId ??= call.ToolCallId;
                toolName ??= call.FunctionName;
                arguments += call.FunctionArgumentsUpdate?.ToString();
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("chatcmpl-msg_01", completionId);
        Assert.Equal("Hello world", text);
        Assert.Equal(("toolu_1", "get_weather", "{\"city\":\"Oslo\"}"), (toolId, toolName, arguments));
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal((30, 12, 42, 10), (usage!.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.InputTokenDetails.CachedTokenCount));
    }

    [Fact]
    public async Task WriteResponse_CrossFormatResponse_ParsesWithOfficialSdk()
    {
        var body = OpenAIChatCodec.Instance.WriteResponse(new ChatResponse
        {
            Id = "msg_02",
            Model = "claude-haiku-4-5",
            Content = [new TextPart("Checking."), new ToolCallPart("toolu_9", "lookup", "{\"q\":\"x\"}")],
            FinishReason = FinishReason.ToolCalls,
            Usage = new TokenUsage(50, 20, ReasoningTokens: 5),
            Created = DateTimeOffset.FromUnixTimeSeconds(1700000000),
        });

        var completion = (await Client(new CannedHandler(HttpStatusCode.OK, "application/json", body))
            .CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken)).Value;

        Assert.Equal("chatcmpl-msg_02", completion.Id);
        Assert.Equal("Checking.", completion.Content[0].Text);
        Assert.Equal("lookup", completion.ToolCalls[0].FunctionName);
        Assert.Equal("{\"q\":\"x\"}", completion.ToolCalls[0].FunctionArguments.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), completion.CreatedAt);
    }

    [Fact]
    public async Task WriteError_RateLimited_SurfacesAsClientResultExceptionWithMessage()
    {
        var failure = new Failure(FailureKind.BudgetExceeded, "Budget for tenant acme exhausted.");
        var handler = new CannedHandler((HttpStatusCode)failure.Traits.CallerStatus, "application/json", OpenAIChatCodec.Instance.WriteError(failure));
        var client = Client(handler, retries: 0);

        var ex = await Assert.ThrowsAsync<ClientResultException>(
            () => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(429, ex.Status);
        Assert.Contains("Budget for tenant acme exhausted.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRequest_OfficialSdkRequest_IsAccepted()
    {
        var handler = CannedHandler.Sse("data: [DONE]\n\n");
        var options = new ChatCompletionOptions
        {
            Temperature = 0.2f,
            MaxOutputTokenCount = 64,
            Tools = { ChatTool.CreateFunctionTool("lookup", "Looks up", BinaryData.FromString("""{"type":"object","properties":{}}""")) },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
            AllowParallelToolCalls = false,
            ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
            StopSequences = { "END" },
        };
        await foreach (var _ in Client(handler).CompleteChatStreamingAsync(
            [new SystemChatMessage("sys"), new UserChatMessage("hi")], options, TestContext.Current.CancellationToken))
        {
        }

        var result = OpenAIChatCodec.Instance.ReadRequest(System.Text.Encoding.UTF8.GetBytes(handler.LastRequestBody!));

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.True(result.Value.Stream);
        Assert.True(result.Value.IncludeUsage);
        Assert.Equal(64, result.Value.MaxOutputTokens);
        Assert.Equal(ToolChoiceMode.Required, result.Value.ToolChoice!.Mode);
        Assert.Equal(ResponseFormatKind.JsonObject, result.Value.ResponseFormat!.Kind);
    }

    private static ChatClient Client(HttpMessageHandler handler, int retries = 0) =>
        new("gpt-4o", new ApiKeyCredential("sk-test"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
            RetryPolicy = new ClientRetryPolicy(retries),
        });
}
