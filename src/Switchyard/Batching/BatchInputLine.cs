using System.Text.Json;

namespace Switchyard.Batching;

/// <summary>
/// The envelope of one input line: OpenAI batch form <c>{"custom_id","method":"POST","url":"/v1/chat/completions","body"}</c>
/// or the plain form <c>{"custom_id","body"}</c>; <c>custom_id</c> may be left out. The body is a slice of the line,
/// not parsed here.
/// </summary>
/// <param name="CustomId">The line's custom_id, or null when it has none.</param>
/// <param name="BodyStart">Offset of the body object in the line.</param>
/// <param name="BodyLength">Length of the body object in bytes.</param>
public readonly record struct BatchInputLine(string? CustomId, int BodyStart, int BodyLength)
{
    /// <summary>The only endpoint batch lines may target.</summary>
    public const string ChatCompletionsUrl = "/v1/chat/completions";

    /// <summary>
    /// Reads the body object the reader is on (its start) through to its end, returning true; or returns false when it
    /// stopped inside the body because the body is wrong (the line is then reported for its body, not its envelope).
    /// </summary>
    public delegate bool BodyReader(ref Utf8JsonReader reader);

    /// <summary>Parses the envelope of <paramref name="line"/>.</summary>
    /// <param name="line">The line's UTF-8 bytes.</param>
    /// <param name="parsed">The envelope when valid.</param>
    /// <param name="readBody">Reads the body in the same pass (instead of skipping it), or null to skip it.</param>
    /// <returns>Null when valid (or when <paramref name="readBody"/> stopped in the body), else what is wrong.</returns>
    public static string? TryParse(ReadOnlySpan<byte> line, out BatchInputLine parsed, BodyReader? readBody = null)
    {
        parsed = default;
        // The JSON reader checks UTF-8 only in the strings it decodes; a body passed through as bytes would reach the
        // provider with the invalid bytes, and fail there as a whole file instead of here as one line.
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return "not valid UTF-8";
        }

        try
        {
            return Parse(line, out parsed, readBody);
        }
        catch (JsonException ex)
        {
            return $"not valid JSON ({FirstSentence(ex.Message)})";
        }
    }

    private static string? Parse(ReadOnlySpan<byte> line, out BatchInputLine parsed, BodyReader? readBody)
    {
        parsed = default;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "a line must be a JSON object";
        }

        string? customId = null;
        int bodyStart = -1, bodyLength = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("custom_id"u8))
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    return "custom_id must be a string";
                }

                customId = reader.GetString();
                if (string.IsNullOrEmpty(customId))
                {
                    return "custom_id must not be empty";
                }
            }
            else if (name.SequenceEqual("method"u8))
            {
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("POST"u8))
                {
                    return "method must be \"POST\"";
                }
            }
            else if (name.SequenceEqual("url"u8))
            {
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(ChatCompletionsUrl))
                {
                    return $"url must be \"{ChatCompletionsUrl}\"";
                }
            }
            else if (name.SequenceEqual("body"u8))
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return "body must be a JSON object";
                }

                bodyStart = (int)reader.TokenStartIndex;
                if (readBody is null)
                {
                    reader.Skip();
                }
                else if (!readBody(ref reader))
                {
                    parsed = new BatchInputLine(customId, bodyStart, line.Length - bodyStart);
                    return null;
                }

                bodyLength = (int)reader.BytesConsumed - bodyStart;
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return "a line must hold exactly one JSON object";
        }

        if (bodyStart < 0)
        {
            return "body is missing";
        }

        parsed = new BatchInputLine(customId, bodyStart, bodyLength);
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Whether <paramref name="customId"/> satisfies Anthropic's rule: 1–64 characters of <c>[a-zA-Z0-9_-]</c>.</summary>
    public static bool IsAnthropicCustomId(string customId) =>
        customId.Length is >= 1 and <= 64 && customId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>The custom_id assigned to a line that has none: <c>line-&lt;number&gt;</c>, stable across runs.</summary>
    public static string DefaultCustomId(long lineNumber) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line-{lineNumber}");
}
