namespace Switchyard.Model;

/// <summary>The parts of an OpenAI Responses request that steer the gateway rather than the model.</summary>
/// <param name="Background">Run detached from the request (<c>background: true</c>); the client polls or resumes.</param>
/// <param name="Store">Keep the response for <c>GET /v1/responses/{id}</c> and <c>previous_response_id</c> (default true).</param>
/// <param name="PreviousResponseId">The stored response this one continues, or null.</param>
/// <param name="Instructions">
/// The request's own <c>instructions</c>, echoed on the response object as sent: in the canonical messages they are the
/// first system message, merged with the system and developer input items after them and the stored conversation before.
/// </param>
public sealed record ResponsesControls(bool Background = false, bool Store = true, string? PreviousResponseId = null, string? Instructions = null);
