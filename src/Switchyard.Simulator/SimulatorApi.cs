namespace Switchyard.Simulator;

/// <summary>The provider API a request body is written for.</summary>
public enum SimulatorApi
{
    /// <summary>OpenAI <c>POST /v1/chat/completions</c>.</summary>
    OpenAIChatCompletions,

    /// <summary>Anthropic <c>POST /v1/messages</c>.</summary>
    AnthropicMessages,

    /// <summary>OpenAI <c>POST /v1/responses</c> (Responses API).</summary>
    OpenAIResponses,
}
