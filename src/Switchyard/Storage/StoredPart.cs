using System.Text.Json;

namespace Switchyard.Storage;

/// <summary>One stored content part; which fields are set depends on <see cref="Kind"/>.</summary>
internal sealed record StoredPart(string Kind)
{
    public string? Text { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Url { get; init; }

    public string? MediaType { get; init; }

    public string? Data { get; init; }

    public string? Detail { get; init; }

    public string? Title { get; init; }

    public string? Context { get; init; }

    public string? Signature { get; init; }

    public bool IsError { get; init; }

    public JsonElement? Raw { get; init; }

    public List<StoredPart>? Parts { get; init; }
}
