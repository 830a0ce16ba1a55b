namespace Switchyard.Providers;

/// <summary>
/// Which of up to 32 properties of one JSON object a forward-only reader has met. The stream decoders' span-level
/// observers decline an object that repeats a property they read, leaving it to the <c>JsonDocument</c> decoder, whose
/// answer for repeated properties is the one that counts.
/// </summary>
public struct SeenProperties
{
    private uint _seen;

    /// <summary>Marks property <paramref name="bit"/> (0–31) as seen; false when it was seen before.</summary>
    public bool First(int bit)
    {
        var mask = 1u << bit;
        var first = (_seen & mask) == 0;
        _seen |= mask;
        return first;
    }
}
