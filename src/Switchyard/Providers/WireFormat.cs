namespace Switchyard.Providers;

/// <summary>A wire format the gateway speaks, on the front door or to a provider.</summary>
public enum WireFormat
{
    /// <summary>OpenAI Chat Completions (<c>/v1/chat/completions</c>).</summary>
    OpenAIChat,

    /// <summary>Anthropic Messages (<c>/v1/messages</c>).</summary>
    AnthropicMessages,

    /// <summary>OpenAI Responses (<c>/v1/responses</c>).</summary>
    OpenAIResponses,
}
