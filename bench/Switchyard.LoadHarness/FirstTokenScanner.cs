namespace Switchyard.LoadHarness;

/// <summary>
/// Finds the first event of a stream that carries answer text, in a response read in arbitrary chunks: an OpenAI chunk's
/// <c>"content":"…"</c> or an Anthropic <c>text_delta</c>'s <c>"text":"…"</c>, non-empty. The role chunk and
/// <c>content_block_start</c> (both with empty text) do not count, so "time to first token" is the time to the first
/// token, not to the first byte, which a gateway that holds events back until the answer commits would otherwise lose
/// to. Keeps its place across chunk boundaries; one per response. Written by hand: a two-pattern byte matcher.
/// </summary>
internal struct FirstTokenScanner
{
    private int _content; // bytes of "content":" matched so far
    private int _text; // bytes of "text":" matched so far
    private bool _found;

    private static ReadOnlySpan<byte> ContentKey => "\"content\":\""u8;

    private static ReadOnlySpan<byte> TextKey => "\"text\":\""u8;

    /// <summary>Scans <paramref name="chunk"/>; true when the first token is in it.</summary>
    public bool Scan(ReadOnlySpan<byte> chunk)
    {
        if (_found)
        {
            return false;
        }

        foreach (var b in chunk)
        {
            if (Step(ref _content, ContentKey, b) || Step(ref _text, TextKey, b))
            {
                _found = true;
                return true;
            }
        }

        return false;
    }

    // Advances one pattern by one byte; true when the byte after a full match opens a non-empty string.
    private static bool Step(ref int matched, ReadOnlySpan<byte> key, byte b)
    {
        if (matched == key.Length)
        {
            matched = 0;
            return b != (byte)'"';
        }

        // No key has a proper prefix that is also its suffix except the opening quote, so a mismatch restarts there.
        matched = b == key[matched] ? matched + 1 : b == key[0] ? 1 : 0;
        return false;
    }
}
