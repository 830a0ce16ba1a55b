namespace Switchyard.LoadHarness;

/// <summary>
/// Counts SSE events in a response read in arbitrary chunks, as lines that start with <c>data:</c> (every event the
/// gateway and the simulator send has exactly one). Keeps its place across chunk boundaries; one per response.
/// </summary>
internal struct SseDataLineCounter
{
    // How many bytes of "data:" the current line has matched from its start; -1 once it cannot be a data line.
    private int _matched;

    private static ReadOnlySpan<byte> Prefix => "data:"u8;

    /// <summary>The number of data lines that begin in <paramref name="chunk"/>.</summary>
    public int Count(ReadOnlySpan<byte> chunk)
    {
        var found = 0;
        foreach (var b in chunk)
        {
            if (b == (byte)'\n')
            {
                _matched = 0;
            }
            else if (_matched >= 0)
            {
                if (b != Prefix[_matched])
                {
                    _matched = -1;
                }
                else if (++_matched == Prefix.Length)
                {
                    found++;
                    _matched = -1;
                }
            }
        }

        return found;
    }
}
