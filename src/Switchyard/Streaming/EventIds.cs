using System.Globalization;

namespace Switchyard.Streaming;

/// <summary>
/// The SSE <c>id:</c> of a logged event: <c>{streamId}:{sequence}</c>. Carrying the stream id lets a client resume with
/// nothing but the standard <c>Last-Event-ID</c> header, on any front door.
/// </summary>
public static class EventIds
{
    /// <summary>Formats the id of event <paramref name="sequence"/> of <paramref name="streamId"/>.</summary>
    public static string Format(string streamId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{streamId}:{sequence}");

    /// <summary>Parses an id made by <see cref="Format"/>; false for anything else (ids are untrusted input).</summary>
    public static bool TryParse(string? value, out string streamId, out long sequence)
    {
        streamId = string.Empty;
        sequence = -1;
        if (string.IsNullOrEmpty(value) || value.Length > 200)
        {
            return false;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0
            || !long.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            || !IsIdText(value.AsSpan(0, colon)))
        {
            sequence = -1;
            return false;
        }

        streamId = value[..colon];
        return true;
    }

    // Stream ids are a prefix and base64url: anything else cannot be ours.
    private static bool IsIdText(ReadOnlySpan<char> id)
    {
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
