namespace Switchyard.Batching;

/// <summary>How one request is written into a provider batch input.</summary>
public enum BatchLineFormat
{
    /// <summary><c>{"custom_id","method":"POST","url":"/v1/chat/completions","body"}</c> lines of an uploaded JSONL file.</summary>
    OpenAIBatch,

    /// <summary><c>{"custom_id","params"}</c> items of an Anthropic <c>requests</c> array.</summary>
    AnthropicBatch,
}
