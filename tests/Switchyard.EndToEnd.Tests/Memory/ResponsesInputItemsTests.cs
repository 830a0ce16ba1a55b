#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Responses;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// <c>GET /v1/responses/{id}/input_items</c> through the real gateway with the official OpenAI SDK's
/// <c>GetResponseInputItemsAsync</c> and <c>GetResponseInputItemCollectionPageAsync</c>: the whole conversation a response
/// was generated from (without instructions), newest first by default, paged with the SDK's cursors.
/// </summary>
public sealed class ResponsesInputItemsTests(ConversationHarness harness) : IClassFixture<ConversationHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InputItems_OfAChainAcrossProviders_AreTheWholeConversationNewestFirst()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        ResponseResult first = await client.CreateResponseAsync(Options("gpt-4o-mini", ["My locker code is 4711.", "Remember it."], instructions: "Answer like a pirate."), Ct);
        ResponseResult second = await client.CreateResponseAsync(Options("claude-haiku-4-5", ["What is my locker code?"], previous: first.Id), Ct);

        var items = await ToListAsync(client.GetResponseInputItemsAsync(second.Id, Ct));

        Assert.Equal(
            ["user:What is my locker code?", "assistant:" + first.GetOutputText(), "user:Remember it.", "user:My locker code is 4711."],
            items.Select(Turn));
        // The earlier answer is listed as the client received it, with the same item id.
        Assert.Equal(first.OutputItems.OfType<MessageResponseItem>().Single().Id, items[1].Id);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.Id)));
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public async Task InputItems_AscendingAndTheFirstResponse_ListOnlyWhatEachWasGeneratedFrom()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        ResponseResult first = await client.CreateResponseAsync(Options("gpt-4o-mini", ["One.", "Two."]), Ct);
        ResponseResult second = await client.CreateResponseAsync(Options("gpt-4o-mini", ["Three."], previous: first.Id), Ct);

        var ofFirst = await ToListAsync(client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(first.Id) { Order = ResponseItemCollectionOrder.Ascending }, Ct));
        var ofSecond = await ToListAsync(client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(second.Id) { Order = ResponseItemCollectionOrder.Ascending }, Ct));

        Assert.Equal(["user:One.", "user:Two."], ofFirst.Select(Turn));
        Assert.Equal(["user:One.", "user:Two.", "assistant:" + first.GetOutputText(), "user:Three."], ofSecond.Select(Turn));
        Assert.Equal(ofFirst.Select(i => i.Id), ofSecond.Take(2).Select(i => i.Id));
    }

    [Fact]
    public async Task InputItems_PagedByTheSdk_FollowLastIdUntilHasMoreIsFalse()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        ResponseResult response = await client.CreateResponseAsync(Options("gpt-4o-mini", ["a", "b", "c", "d", "e"]), Ct);
        var options = new ResponseItemCollectionOptions(response.Id) { PageSizeLimit = 2 };

        ResponseItemCollectionPage page1 = await client.GetResponseInputItemCollectionPageAsync(options, Ct);
        options.AfterId = page1.LastId;
        ResponseItemCollectionPage page2 = await client.GetResponseInputItemCollectionPageAsync(options, Ct);
        options.AfterId = page2.LastId;
        ResponseItemCollectionPage page3 = await client.GetResponseInputItemCollectionPageAsync(options, Ct);
        var all = await ToListAsync(client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(response.Id) { PageSizeLimit = 2 }, Ct));

        Assert.Equal(["user:e", "user:d"], page1.Data.Select(Turn));
        Assert.True(page1.HasMore);
        Assert.Equal(page1.Data[0].Id, page1.FirstId);
        Assert.Equal(["user:c", "user:b"], page2.Data.Select(Turn));
        Assert.True(page2.HasMore);
        Assert.Equal(["user:a"], page3.Data.Select(Turn));
        Assert.False(page3.HasMore);
        Assert.Equal(["user:e", "user:d", "user:c", "user:b", "user:a"], all.Select(Turn));
    }

    [Fact]
    public async Task InputItems_BeforeACursor_AreTheItemsJustBeforeIt()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        ResponseResult response = await client.CreateResponseAsync(Options("gpt-4o-mini", ["a", "b", "c", "d", "e"]), Ct);
        var ascending = await ToListAsync(client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(response.Id) { Order = ResponseItemCollectionOrder.Ascending }, Ct));

        ResponseItemCollectionPage page = await client.GetResponseInputItemCollectionPageAsync(
            new ResponseItemCollectionOptions(response.Id) { Order = ResponseItemCollectionOrder.Ascending, BeforeId = ascending[3].Id, PageSizeLimit = 2 }, Ct);

        Assert.Equal(["user:b", "user:c"], page.Data.Select(Turn));
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task InputItems_WithFunctionCallAndOutput_ListThemAsTheirOwnItems()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        var options = Options("gpt-4o-mini", ["What is the weather in Oslo?"]);
        options.InputItems.Add(ResponseItem.CreateFunctionCallItem("call_1", "get_weather", BinaryData.FromString("""{"city":"Oslo"}""")));
        options.InputItems.Add(ResponseItem.CreateFunctionCallOutputItem("call_1", "12 degrees and rain"));
        ResponseResult response = await client.CreateResponseAsync(options, Ct);

        var items = await ToListAsync(client.GetResponseInputItemsAsync(new ResponseItemCollectionOptions(response.Id) { Order = ResponseItemCollectionOrder.Ascending }, Ct));

        Assert.Equal("user:What is the weather in Oslo?", Turn(items[0]));
        var call = Assert.IsAssignableFrom<FunctionCallResponseItem>(items[1]);
        Assert.Equal(("call_1", "get_weather", """{"city":"Oslo"}"""), (call.CallId, call.FunctionName, call.FunctionArguments.ToString()));
        var output = Assert.IsAssignableFrom<FunctionCallOutputResponseItem>(items[2]);
        Assert.Equal(("call_1", "12 degrees and rain"), (output.CallId, output.FunctionOutput));
        Assert.Equal(3, items.Count);
    }

    private ResponsesClient Client(string key = ConversationHarness.Key) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    private static CreateResponseOptions Options(string model, string[] inputs, string? previous = null, string? instructions = null)
    {
        var options = new CreateResponseOptions { Model = model, PreviousResponseId = previous, Instructions = instructions };
        foreach (var input in inputs)
        {
            options.InputItems.Add(ResponseItem.CreateUserMessageItem(input));
        }

        return options;
    }

    /// <summary>A message item as <c>role:text</c>.</summary>
    private static string Turn(ResponseItem item)
    {
        var message = Assert.IsAssignableFrom<MessageResponseItem>(item);
        return $"{message.Role.ToString().ToLowerInvariant()}:{string.Concat(message.Content.Select(c => c.Text))}";
    }

    private static async Task<List<ResponseItem>> ToListAsync(AsyncCollectionResult<ResponseItem> items)
    {
        var list = new List<ResponseItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
