using System.Text.Json;
using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.Tests.Costs;

public sealed class AutomaticCacheMarkTests
{
    private static readonly string Long = new('x', AutomaticCacheMark.MinPrefixChars);

    [Fact]
    public void LongFirstSystemMessage_ItsLastTextIsMarked_NotTheSystemMessagesAfterIt()
    {
        var request = Request(
            [Message(ChatRole.System, "rules", Long), Message(ChatRole.System, "Relevant memories: …"), Message(ChatRole.User, "Hi")]);

        var marked = AutomaticCacheMark.Apply(request)!;

        Assert.Null(marked.Messages[0].Content[0].Cache);
        Assert.NotNull(marked.Messages[0].Content[1].Cache);
        Assert.Null(marked.Messages[0].Content[1].Cache!.Ttl);
        Assert.All(marked.Messages.Skip(1).SelectMany(m => m.Content), part => Assert.Null(part.Cache));
        Assert.Equal(CacheWriteKind.FiveMinutes, CacheWrites.Of(marked));
        Assert.Null(request.Messages[0].Content[1].Cache);
    }

    [Fact]
    public void SystemEndingWithEmptyText_TheLastNonEmptyTextIsMarked()
    {
        var marked = AutomaticCacheMark.Apply(Request([Message(ChatRole.System, Long, ""), Message(ChatRole.User, "Hi")]))!;

        Assert.NotNull(marked.Messages[0].Content[0].Cache);
        Assert.Null(marked.Messages[0].Content[1].Cache);
    }

    [Fact]
    public void ShortSystemButLongTools_TheSystemIsMarked_ForItCoversTheToolsBeforeIt()
    {
        var request = Request([Message(ChatRole.System, "Be brief."), Message(ChatRole.User, "Hi")]) with { Tools = [Tool("search", Long)] };

        var marked = AutomaticCacheMark.Apply(request)!;

        Assert.NotNull(marked.Messages[0].Content[0].Cache);
        Assert.Null(marked.Tools![0].Cache);
    }

    [Fact]
    public void NoSystemAndLongTools_TheLastToolIsMarked()
    {
        var request = Request([Message(ChatRole.User, "Hi")]) with { Tools = [Tool("a", "first"), Tool("b", Long)] };

        var marked = AutomaticCacheMark.Apply(request)!;

        Assert.Null(marked.Tools![0].Cache);
        Assert.NotNull(marked.Tools[1].Cache);
    }

    [Fact]
    public void MemorysRecallFirst_NotMarked_TheToolsAreInstead()
    {
        var recall = Message(ChatRole.System, Switchyard.Memory.MemoryEngine.RecallHeading + "\n- (turn 3) " + Long);
        var request = Request([recall, Message(ChatRole.User, "Hi")]);

        Assert.Null(AutomaticCacheMark.Apply(request));
        var marked = AutomaticCacheMark.Apply(request with { Tools = [Tool("search", Long)] })!;
        Assert.Null(marked.Messages[0].Content[0].Cache);
        Assert.NotNull(marked.Tools![0].Cache);
    }

    [Fact]
    public void ToolLoop_LongPrompt_TheLastToolResultIsMarkedToo()
    {
        var request = Request(
        [
            Message(ChatRole.System, Long),
            Message(ChatRole.User, "Look it up."),
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart("c1", "search", "{}"), new ToolCallPart("c2", "search", "{}")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("c1", [new TextPart("one")]), new ToolResultPart("c2", [new TextPart("two")])]),
        ]);

        var marked = AutomaticCacheMark.Apply(request)!;

        Assert.NotNull(marked.Messages[0].Content[0].Cache);
        Assert.Null(marked.Messages[3].Content[0].Cache);
        Assert.NotNull(marked.Messages[3].Content[1].Cache);
        Assert.Null(marked.Messages[1].Content[0].Cache);
    }

    [Fact]
    public void ToolLoop_ShortSystemButLongResults_OnlyTheLastResultIsMarked()
    {
        var request = Request(
        [
            Message(ChatRole.System, "Be brief."),
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart("c1", "fetch", "{}")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("c1", [new TextPart(Long)])]),
        ]);

        var marked = AutomaticCacheMark.Apply(request)!;

        Assert.Null(marked.Messages[0].Content[0].Cache);
        Assert.NotNull(marked.Messages[2].Content[0].Cache);
    }

    [Fact]
    public void ToolLoop_ShortPrompt_Unmarked()
    {
        var request = Request(
        [
            Message(ChatRole.System, "Be brief."),
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart("c1", "fetch", "{}")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("c1", [new TextPart("ok")])]),
        ]);

        Assert.Null(AutomaticCacheMark.Apply(request));
    }

    [Fact]
    public void ShortPrefix_LongConversation_Unmarked()
    {
        Assert.Null(AutomaticCacheMark.Apply(Request([Message(ChatRole.System, "Be brief."), Message(ChatRole.User, Long)])));
    }

    [Fact]
    public void TheClientsOwnMark_Kept_NoneAdded()
    {
        var own = new ChatMessage(ChatRole.User, [new TextPart("Hi") { Cache = new CacheBreakpoint("1h") }]);

        Assert.Null(AutomaticCacheMark.Apply(Request([Message(ChatRole.System, Long), own])));
        Assert.Null(AutomaticCacheMark.Apply(Request([Message(ChatRole.System, Long), Message(ChatRole.User, "Hi")]) with { Cache = new CacheBreakpoint() }));
    }

    private static ChatRequest Request(ChatMessage[] messages) => new() { Model = "claude-sonnet-4-5", Messages = messages };

    private static ChatMessage Message(ChatRole role, params string[] texts) => new(role, [.. texts.Select(t => new TextPart(t))]);

    private static ToolDefinition Tool(string name, string description)
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{}}""");
        return new ToolDefinition(name, description, schema.RootElement.Clone());
    }
}
