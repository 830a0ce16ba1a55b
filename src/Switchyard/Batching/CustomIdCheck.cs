using System.Buffers;
using System.Text;

namespace Switchyard.Batching;

/// <summary>
/// Decides exactly, in bounded memory, whether a line's custom_id is new to the job. The <see cref="SeenIdFilter"/>
/// answers "certainly new" for almost every line. A line it calls "maybe seen" (a repeat, or a false positive) is held
/// back with its bytes; held lines are resolved together by one scan of the placement log (<see cref="Resolve"/>), when
/// too many are held and at the end of the input. A held line whose id is found earlier is a duplicate; otherwise it
/// is placed then, after lines that came later in the input (chunk order does not matter: results are written in
/// input order). Not thread-safe.
/// </summary>
internal sealed class CustomIdCheck
{
    private readonly SeenIdFilter _seen;
    private readonly int _maxHeldLines;
    private readonly int _maxHeldBytes;
    private readonly List<HeldLine> _held = [];
    private readonly ArrayBufferWriter<byte> _heldBytes = new();

    /// <summary>Creates a check with a <paramref name="filterBytes"/> filter, resolving at the given number or bytes of held lines.</summary>
    public CustomIdCheck(int filterBytes = 16 * 1024 * 1024, int maxHeldLines = 65_536, int maxHeldBytes = 16 * 1024 * 1024)
    {
        _seen = new SeenIdFilter(filterBytes);
        _maxHeldLines = maxHeldLines;
        _maxHeldBytes = maxHeldBytes;
    }

    /// <summary>What the planner does with a held line once resolved.</summary>
    /// <param name="line">The held line.</param>
    /// <param name="bytes">Its request line, as it was held.</param>
    /// <param name="firstLine">The earlier line with the same custom_id, or null when the id is new.</param>
    public delegate void Decision(in HeldLine line, ReadOnlySpan<byte> bytes, long? firstLine);

    /// <summary>Whether any line is held.</summary>
    public bool HasHeld => _held.Count > 0;

    /// <summary>Records <paramref name="customId"/>; true when it was certainly not seen before.</summary>
    public bool IsCertainlyNew(string customId) => !_seen.AddAndCheck(customId);

    /// <summary>Holds a "maybe seen" line. Returns true when the caller must <see cref="Resolve"/> now.</summary>
    public bool Hold(HeldLine line, ReadOnlySpan<byte> bytes)
    {
        _held.Add(line with { Start = _heldBytes.WrittenCount, Length = bytes.Length });
        bytes.CopyTo(_heldBytes.GetSpan(bytes.Length));
        _heldBytes.Advance(bytes.Length);
        return _held.Count >= _maxHeldLines || _heldBytes.WrittenCount >= _maxHeldBytes;
    }

    /// <summary>Decides every held line, in input order, against the lines in <paramref name="log"/>.</summary>
    public void Resolve(BatchPlacementLog log, Decision decide)
    {
        var first = FirstLines(log);
        foreach (var line in _held)
        {
            if (first.TryGetValue(line.CustomId, out var earlier))
            {
                decide(line, _heldBytes.WrittenSpan.Slice(line.Start, line.Length), earlier);
            }
            else
            {
                first[line.CustomId] = line.LineNumber;
                decide(line, _heldBytes.WrittenSpan.Slice(line.Start, line.Length), null);
            }
        }

        _held.Clear();
        _heldBytes.ResetWrittenCount();
    }

    /// <summary>The first line number of each held custom_id among the placed lines.</summary>
    private Dictionary<string, long> FirstLines(BatchPlacementLog log)
    {
        var wanted = _held.Select(h => h.CustomId).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        var chars = new char[256];
        log.Flush();
        using var reader = new BatchPlacementReader(log.Path);
        while (reader.TryRead(out var placed))
        {
            if (chars.Length < placed.CustomId.Length)
            {
                chars = new char[placed.CustomId.Length];
            }

            var id = chars.AsSpan(0, Encoding.UTF8.GetChars(placed.CustomId, chars));
            if (wanted.TryGetValue(id, out var held)
                && (!first.TryGetValue(held, out var known) || placed.LineNumber < known))
            {
                first[held] = placed.LineNumber;
            }
        }

        return first;
    }

    /// <summary>A line held back until its custom_id is resolved.</summary>
    /// <param name="LineNumber">Input line number.</param>
    /// <param name="CustomId">The line's custom_id.</param>
    /// <param name="Model">The model it asks for.</param>
    /// <param name="EstimatedCostUsd">Its worst-case cost.</param>
    /// <param name="Start">Where its bytes start in the held buffer (set by <see cref="Hold"/>).</param>
    /// <param name="Length">Its length in bytes (set by <see cref="Hold"/>).</param>
    public readonly record struct HeldLine(long LineNumber, string CustomId, string Model, decimal EstimatedCostUsd, int Start = 0, int Length = 0);
}
