using System.Text;
using Switchyard.Storage;

namespace Switchyard.Streaming;

/// <summary>
/// Drops the start of a continued generation where it repeats the end of the text the client already received, so the
/// client sees each character once. Deterministic, incremental, one instance per continuation; not thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The rule: the overlap is the longest <c>k</c> such that the last <c>k</c> characters of the sent text equal the first
/// <c>k</c> characters of the continuation, where <c>k ≥ </c><see cref="OverlapTrimmerOptions.MinOverlap"/> or <c>k</c> is
/// at most the unseen whitespace (see the constructor). Only the last <see cref="OverlapTrimmerOptions.Window"/>
/// characters of the sent text are compared, and an overlap never starts inside a surrogate pair. Those <c>k</c>
/// characters are dropped once; everything else passes through in order.
/// </para>
/// <para>
/// <see cref="Push"/> holds text back only while the continuation so far is a proper prefix of some candidate suffix of
/// the sent text (so it could still become an overlap). As soon as no such candidate remains the overlap is decided, the
/// held text minus the overlap is released, and from then on <see cref="Push"/> passes text straight through; the one
/// exception is a high surrogate at the very end of a delta, held until its low surrogate arrives so that released text
/// never splits a pair. <see cref="Complete"/> releases whatever is still held when the continuation ends.
/// </para>
/// </remarks>
public sealed class OverlapTrimmer
{
    private readonly string _tail;
    private readonly List<int> _pending = [];
    private readonly StringBuilder _held = new();
    private int _trimmed;
    private bool _decided;
    private bool _completed;
    private char _carry;

    /// <summary>Starts trimming a continuation of <paramref name="sent"/>.</summary>
    /// <param name="sent">The text the client already received.</param>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <param name="unseenWhitespace">
    /// How many characters at the end of <paramref name="sent"/> are whitespace the model did not see, because a prefill
    /// trimmed them (<see cref="ContinuationPlan.TrimmedWhitespace"/>). A continuation that starts by re-supplying (the end
    /// of) that whitespace has it dropped even though it is shorter than the minimum overlap, so the client does not get
    /// the space twice. The default is 0.
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unseenWhitespace"/> is not whitespace at the end of <paramref name="sent"/>.</exception>
    public OverlapTrimmer(string sent, OverlapTrimmerOptions? options = null, int unseenWhitespace = 0)
    {
        ArgumentNullException.ThrowIfNull(sent);
        options ??= new OverlapTrimmerOptions();
        OptionErrors.ThrowIfAny(options.Validate(), nameof(options));

        ArgumentOutOfRangeException.ThrowIfNegative(unseenWhitespace);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unseenWhitespace, sent.Length);
        if (!sent.AsSpan(sent.Length - unseenWhitespace).IsWhiteSpace())
        {
            throw new ArgumentOutOfRangeException(nameof(unseenWhitespace), unseenWhitespace, "The unseen suffix of the sent text must be whitespace.");
        }

        _tail = sent.Length <= options.Window ? sent : sent[^options.Window..];
        for (var k = 1; k <= _tail.Length; k++)
        {
            if ((k >= options.MinOverlap || k <= unseenWhitespace) && !char.IsLowSurrogate(_tail[^k]))
            {
                _pending.Add(k);
            }
        }

        _decided = _pending.Count == 0;
    }

    /// <summary>Whether the overlap is decided, after which <see cref="Push"/> passes text through.</summary>
    public bool IsDecided => _decided;

    /// <summary>How many characters of the continuation were dropped as overlap; 0 until <see cref="IsDecided"/>.</summary>
    public int TrimmedCharacters => _decided ? _trimmed : 0;

    /// <summary>Takes the next piece of the continuation and returns the text that may be released now (possibly empty).</summary>
    /// <exception cref="InvalidOperationException"><see cref="Complete"/> was already called.</exception>
    public string Push(string delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (_completed)
        {
            throw new InvalidOperationException("The continuation is already complete.");
        }

        if (_decided)
        {
            return Release(delta);
        }

        for (var j = 0; j < delta.Length; j++)
        {
            if (Advance(delta[j]))
            {
                continue;
            }

            _decided = true;
            var released = string.Concat(_held.ToString(_trimmed, _held.Length - _trimmed), delta.AsSpan(j + 1));
            _held.Clear();
            return Release(released);
        }

        return string.Empty;
    }

    /// <summary>
    /// Ends the continuation: decides the overlap if it is still open (the longest candidate matched in full) and returns
    /// everything still held. Calling it again returns the empty string.
    /// </summary>
    public string Complete()
    {
        if (_completed)
        {
            return string.Empty;
        }

        _completed = true;
        if (_decided)
        {
            return Release(string.Empty);
        }

        _decided = true;
        _pending.Clear();
        var released = _held.ToString(_trimmed, _held.Length - _trimmed);
        _held.Clear();
        return Release(released);
    }

    // Holds c and narrows the candidates; a candidate whose whole suffix has now matched becomes the overlap so far
    // (candidates are in increasing order, so the last one to complete is the longest). False when none is left pending.
    private bool Advance(char c)
    {
        var i = _held.Length;
        _held.Append(c);
        var kept = 0;
        for (var n = 0; n < _pending.Count; n++)
        {
            var k = _pending[n];
            if (_tail[_tail.Length - k + i] != c)
            {
                continue;
            }

            if (k == i + 1)
            {
                _trimmed = k;
                continue;
            }

            _pending[kept++] = k;
        }

        _pending.RemoveRange(kept, _pending.Count - kept);
        return kept > 0;
    }

    private string Release(string text)
    {
        if (_carry != '\0')
        {
            text = _carry + text;
            _carry = '\0';
        }

        if (!_completed && text.Length > 0 && char.IsHighSurrogate(text[^1]))
        {
            _carry = text[^1];
            return text[..^1];
        }

        return text;
    }
}
