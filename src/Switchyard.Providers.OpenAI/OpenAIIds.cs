namespace Switchyard.Providers.OpenAI;

/// <summary>Completion ids as OpenAI clients expect them: <c>chatcmpl-…</c>.</summary>
internal static class OpenAIIds
{
    private const string Prefix = "chatcmpl-";

    /// <summary>Keeps an OpenAI id, prefixes a foreign one (<c>msg_…</c> becomes <c>chatcmpl-msg_…</c>), invents one when empty.</summary>
    public static string ToCompletionId(string? id) =>
        string.IsNullOrEmpty(id) ? Prefix + Guid.NewGuid().ToString("N")
        : id.StartsWith(Prefix, StringComparison.Ordinal) ? id
        : Prefix + id;
}
