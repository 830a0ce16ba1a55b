using System.Text;
using System.Text.Json;
using Switchyard.Costs;

namespace Switchyard.Batching;

/// <summary>
/// Checks an OpenAI chat body in one forward pass of <see cref="Utf8JsonReader"/> over its bytes, without building the
/// canonical request: the checks a batch line needs before it goes to OpenAI unchanged (model named, messages a
/// non-empty array of objects, no <c>"stream": true</c>, output limits positive integers) and a byte-ratio input token
/// bound (<see cref="ByteRatioTokenEstimator"/>: a token per byte). The estimate counts the raw (escaped) bytes of every string in the messages and the whole tools and
/// response_format values, so it is never below <see cref="ByteRatioTokenEstimator"/>'s for the same body: the cost bound
/// stays a bound. Used for pass-through targets, where building the canonical request would be thrown away.
/// </summary>
internal sealed class OpenAIBodyScanner
{
    // Model names repeat on every line: keep their strings so a line costs no model allocation. Bounded so a hostile
    // input with a new name per line cannot grow it.
    private const int MaxCachedModels = 64;

    private readonly List<(byte[] Utf8, string Name)> _models = [];

    /// <summary>Scans <paramref name="body"/> (a JSON object already known to be well-formed).</summary>
    /// <returns>Null when the body passes, else what is wrong, in the OpenAI door's words where it has them.</returns>
    public string? Scan(ReadOnlySpan<byte> body, out OpenAIBodyFacts facts)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        return Scan(ref reader, out facts);
    }

    /// <summary>
    /// Scans the body object <paramref name="reader"/> is on (its start), leaving the reader on the body's end when it
    /// passes: the envelope's reader hands the body over, so a line is read once.
    /// </summary>
    /// <exception cref="JsonException">The body is not well-formed JSON.</exception>
    public string? Scan(ref Utf8JsonReader reader, out OpenAIBodyFacts facts)
    {
        facts = default;
        string? model = null;
        int? maxTokens = null, maxCompletion = null;
        bool stream = false, hasMessages = false;
        long bytes = 0, overhead = TokenEstimator.ReplyPriming;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            string? problem = null;
            if (name.SequenceEqual("model"u8))
            {
                problem = ReadModel(ref reader, out model);
            }
            else if (name.SequenceEqual("messages"u8))
            {
                problem = ReadMessages(ref reader, ref bytes, ref overhead);
                hasMessages = reader.TokenType != JsonTokenType.Null;
            }
            else if (name.SequenceEqual("stream"u8))
            {
                problem = reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                    ? null
                    : "Invalid type for 'stream': expected a boolean.";
                stream = reader.TokenType == JsonTokenType.True;
            }
            else if (name.SequenceEqual("max_tokens"u8))
            {
                problem = ReadLimit(ref reader, "max_tokens", out maxTokens);
            }
            else if (name.SequenceEqual("max_completion_tokens"u8))
            {
                problem = ReadLimit(ref reader, "max_completion_tokens", out maxCompletion);
            }
            else if (name.SequenceEqual("tools"u8))
            {
                overhead += CountAndSkip(ref reader, out var length) * (long)TokenEstimator.PerToolOverhead;
                bytes += length;
            }
            else if (name.SequenceEqual("response_format"u8))
            {
                CountAndSkip(ref reader, out var length);
                bytes += length;
            }
            else
            {
                reader.Skip();
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        if (model is null)
        {
            return "Missing required parameter: 'model'.";
        }

        if (!hasMessages)
        {
            return "Missing required parameter: 'messages'.";
        }

        var tokens = overhead + ((bytes + ByteRatioTokenEstimator.BytesPerToken - 1) / ByteRatioTokenEstimator.BytesPerToken);
        facts = new OpenAIBodyFacts(model, maxCompletion ?? maxTokens, stream, (int)Math.Min(int.MaxValue, tokens));
        return null;
    }

    private string? ReadModel(ref Utf8JsonReader reader, out string? model)
    {
        model = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return "Invalid type for 'model': expected a string.";
        }

        model = reader.ValueIsEscaped ? reader.GetString()! : Cached(reader.ValueSpan);
        return string.IsNullOrWhiteSpace(model) ? "Invalid 'model': empty string. Expected a non-empty model name." : null;
    }

    private string Cached(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, name) in _models)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return name;
            }
        }

        var model = Encoding.UTF8.GetString(utf8);
        if (_models.Count < MaxCachedModels)
        {
            _models.Add((utf8.ToArray(), model));
        }

        return model;
    }

    private static string? ReadMessages(ref Utf8JsonReader reader, ref long bytes, ref long overhead)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "Invalid type for 'messages': expected an array.";
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"Invalid type for 'messages[{index}]': expected an object.";
            }

            overhead += TokenEstimator.PerMessageOverhead;
            var depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    bytes += reader.ValueSpan.Length;
                    if (reader.ValueSpan.SequenceEqual("image_url"u8))
                    {
                        overhead += TokenEstimator.PerImage;
                    }
                }
            }

            index++;
        }

        return index == 0 ? "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead." : null;
    }

    private static string? ReadLimit(ref Utf8JsonReader reader, string name, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number))
        {
            return $"Invalid type for '{name}': expected an integer.";
        }

        if (number < 1)
        {
            return $"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {number} instead.";
        }

        value = number;
        return null;
    }

    /// <summary>Skips a value; counts its elements when it is an array and measures its raw length.</summary>
    private static int CountAndSkip(ref Utf8JsonReader reader, out long length)
    {
        var start = reader.TokenStartIndex;
        var count = 0;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
                count++;
            }
        }
        else
        {
            reader.Skip();
        }

        length = reader.BytesConsumed - start;
        return count;
    }
}
