namespace Switchyard.Streaming;

/// <summary>What a delta log knows about a stream besides its events.</summary>
/// <param name="StreamId">The stream's id, from <see cref="StreamIds.New()"/>.</param>
/// <param name="Tenant">The tenant that owns the stream; every read is checked against it.</param>
/// <param name="FrontDoor">The API dialect the client spoke, e.g. <c>openai-chat</c>, <c>anthropic-messages</c>, <c>openai-responses</c>.</param>
/// <param name="CreatedAt">When the stream was created.</param>
public sealed record StreamHeader(string StreamId, string Tenant, string FrontDoor, DateTimeOffset CreatedAt);
