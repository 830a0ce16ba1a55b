namespace Switchyard.Hosting.Configuration;

/// <summary>
/// Stored conversations of the Responses API: what <c>previous_response_id</c> continues (on any provider), what
/// <c>GET /v1/responses/{id}</c> answers after the stream log forgot a response, and what <c>DELETE</c> removes.
/// </summary>
public sealed class ConversationOptions
{
    /// <summary>Whether responses with <c>store</c> (the default) are kept. The default is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a conversation is kept after its latest response, in days. The default is 30, as OpenAI keeps responses.
    /// </summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>The most responses one <c>previous_response_id</c> chain is followed back. The default is 10,000.</summary>
    public int MaxChainLength { get; set; } = 10_000;
}
