namespace Switchyard.Model;

/// <summary>The parts of an OpenAI Responses request that steer the gateway rather than the model.</summary>
/// <param name="Background">Run detached from the request (<c>background: true</c>); the client polls or resumes.</param>
/// <param name="Store">Keep the response for <c>GET /v1/responses/{id}</c> and <c>previous_response_id</c> (default true).</param>
/// <param name="PreviousResponseId">The stored response this one continues, or null.</param>
public sealed record ResponsesControls(bool Background = false, bool Store = true, string? PreviousResponseId = null);
