using Switchyard.Providers;

namespace Switchyard.Streaming;

/// <summary>The front-door names recorded in stream headers: a stream is resumed on the API that created it.</summary>
public static class FrontDoorNames
{
    /// <summary>The name of <paramref name="format"/>'s front door: <c>openai-chat</c>, <c>anthropic-messages</c> or <c>openai-responses</c>.</summary>
    public static string Of(WireFormat format) => format switch
    {
        WireFormat.OpenAIChat => "openai-chat",
        WireFormat.AnthropicMessages => "anthropic-messages",
        WireFormat.OpenAIResponses => "openai-responses",
        _ => format.ToString(),
    };
}
