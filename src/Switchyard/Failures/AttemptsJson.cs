using System.Text.Json;

namespace Switchyard.Failures;

/// <summary>
/// Writes a failure's attempt list as an <c>attempts</c> array inside either provider's error object. SDKs ignore unknown
/// fields, so callers that want the detail can read it and nobody else is disturbed.
/// </summary>
public static class AttemptsJson
{
    /// <summary>Writes <c>"attempts":[…]</c> when <paramref name="failure"/> lists any attempts; nothing otherwise.</summary>
    public static void WriteIfAny(Utf8JsonWriter writer, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.Attempts is not { Count: > 0 } attempts)
        {
            return;
        }

        writer.WriteStartArray("attempts");
        foreach (var attempt in attempts)
        {
            writer.WriteStartObject();
            writer.WriteString("provider", attempt.Provider);
            writer.WriteString("model", attempt.Model);
            writer.WriteString("failure", attempt.Failure?.ToString());
            if (attempt.Status is { } status)
            {
                writer.WriteNumber("status", status);
            }
            else
            {
                writer.WriteNull("status");
            }

            writer.WriteNumber("elapsed_ms", Math.Round(attempt.Elapsed.TotalMilliseconds, 1));
            if (attempt.Hedge)
            {
                writer.WriteBoolean("hedge", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
