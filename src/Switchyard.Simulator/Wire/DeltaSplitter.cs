using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Wire;

/// <summary>Cuts text into stream deltas deterministically; the deltas always concatenate to the input.</summary>
internal static class DeltaSplitter
{
    /// <summary>Splits text on token boundaries into deltas of 1–4 tokens.</summary>
    public static List<(string Text, int Tokens)> SplitText(string text, ulong seed)
    {
        var result = new List<(string, int)>();
        if (text.Length == 0)
        {
            return result;
        }

        var starts = TokenCounter.TokenStarts(text);
        var prng = new StablePrng(seed);
        var i = 0;
        while (i < starts.Count)
        {
            var take = Math.Min(prng.Next(1, 4), starts.Count - i);
            var from = i == 0 ? 0 : starts[i];
            var to = i + take < starts.Count ? starts[i + take] : text.Length;
            result.Add((text[from..to], take));
            i += take;
        }

        return result;
    }

    /// <summary>Splits tool-call arguments into 2–5 character-range fragments, as providers send partial JSON.</summary>
    public static List<string> SplitArguments(string json, ulong seed)
    {
        var prng = new StablePrng(seed);
        var pieces = Math.Min(json.Length, prng.Next(2, 5));
        var result = new List<string>(pieces);
        var start = 0;
        for (var p = 1; p <= pieces; p++)
        {
            var end = p == pieces ? json.Length : Math.Max(start + 1, json.Length * p / pieces);
            result.Add(json[start..end]);
            start = end;
        }

        return result;
    }
}
