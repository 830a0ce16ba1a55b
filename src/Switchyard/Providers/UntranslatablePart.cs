using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>A part of a client's request that another wire format cannot carry, and why.</summary>
/// <param name="Path">Where the client put the part, in its own body's notation; null when unknown (a stored turn).</param>
/// <param name="Reason">Why the format cannot carry it, worded for the caller.</param>
public sealed record UntranslatablePart(string? Path, string Reason)
{
    /// <summary>
    /// The first part of a user turn or a tool result (the client's content; assistant turns are the model's own words)
    /// that <paramref name="reason"/> refuses, or null. Allocates nothing when every part is carried.
    /// </summary>
    public static UntranslatablePart? Find(ChatRequest request, Func<ContentPart, UntranslatablePart?> reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reason);
        // Indexed loops: a foreach over the IReadOnlyList would box its enumerator on every translated attempt.
        for (var m = 0; m < request.Messages.Count; m++)
        {
            var message = request.Messages[m];
            if (message.Role is not (ChatRole.User or ChatRole.Tool))
            {
                continue;
            }

            for (var i = 0; i < message.Content.Count; i++)
            {
                if (FindIn(message.Content[i], reason) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static UntranslatablePart? FindIn(ContentPart part, Func<ContentPart, UntranslatablePart?> reason)
    {
        if (part is not ToolResultPart result)
        {
            return reason(part);
        }

        for (var i = 0; i < result.Content.Count; i++)
        {
            if (reason(result.Content[i]) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The <c>type</c> of an opaque part, for a message naming what it is.</summary>
    public static string TypeOf(OpaquePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.Raw.ValueKind == System.Text.Json.JsonValueKind.Object && part.Raw.TryGetProperty("type", out var type)
            && type.ValueKind == System.Text.Json.JsonValueKind.String ? type.GetString()! : "unknown";
    }
}
