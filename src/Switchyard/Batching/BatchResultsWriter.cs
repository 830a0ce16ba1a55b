using System.Text.Json;

namespace Switchyard.Batching;

/// <summary>
/// Writes a job's outcome as two JSONL files in input order: results (<c>{"custom_id","line","response"}</c>) and
/// failures (<c>{"custom_id","line","failure","retryable","attempts","error"}</c>). Each is written to a temporary file
/// and renamed into place, so a crash never leaves a half-written file under the final name. Lines that
/// <c>--skip-invalid</c> left out are merged into the failures file by line number (class <c>invalid_input</c>), so every
/// input line is in exactly one of the two files.
/// </summary>
internal static class BatchResultsWriter
{
    public static (long Succeeded, long Failed) Write(
        IEnumerable<BatchLineRecord> lines, IEnumerable<BatchSkippedLine> skipped, string resultsPath, string failuresPath)
    {
        var resultsTemp = resultsPath + ".tmp";
        var failuresTemp = failuresPath + ".tmp";
        long succeeded = 0, failed = 0;
        using (var results = new FileStream(resultsTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var failures = new FileStream(failuresTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var resultsJson = new Utf8JsonWriter(results, new JsonWriterOptions { SkipValidation = true }))
        using (var failuresJson = new Utf8JsonWriter(failures, new JsonWriterOptions { SkipValidation = true }))
        using (var skips = skipped.GetEnumerator())
        {
            var hasSkip = skips.MoveNext();
            void WriteSkipsBefore(long lineNumber)
            {
                for (; hasSkip && skips.Current.LineNumber < lineNumber; hasSkip = skips.MoveNext())
                {
                    WriteSkipped(failuresJson, skips.Current);
                    failuresJson.Flush();
                    failures.WriteByte((byte)'\n');
                    failuresJson.Reset();
                    failed++;
                }
            }

            foreach (var line in lines)
            {
                WriteSkipsBefore(line.LineNumber);
                if (line.State == BatchLineState.Succeeded)
                {
                    WriteResult(resultsJson, line);
                    resultsJson.Flush();
                    results.WriteByte((byte)'\n');
                    resultsJson.Reset();
                    succeeded++;
                }
                else if (line.State == BatchLineState.Failed)
                {
                    WriteFailure(failuresJson, line);
                    failuresJson.Flush();
                    failures.WriteByte((byte)'\n');
                    failuresJson.Reset();
                    failed++;
                }
            }

            WriteSkipsBefore(long.MaxValue);
            results.Flush(flushToDisk: true);
            failures.Flush(flushToDisk: true);
        }

        File.Move(resultsTemp, resultsPath, overwrite: true);
        File.Move(failuresTemp, failuresPath, overwrite: true);
        return (succeeded, failed);
    }

    /// <summary>The failures file that goes with <paramref name="resultsPath"/>: <c>out.jsonl</c> → <c>out.failures.jsonl</c>.</summary>
    public static string FailuresPathFor(string resultsPath)
    {
        var directory = Path.GetDirectoryName(resultsPath) ?? string.Empty;
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(resultsPath) + ".failures.jsonl");
    }

    private static void WriteResult(Utf8JsonWriter json, BatchLineRecord line)
    {
        json.WriteStartObject();
        json.WriteString("custom_id"u8, line.CustomId);
        json.WriteNumber("line"u8, line.LineNumber);
        json.WritePropertyName("response"u8);
        json.WriteRawValue(line.Result ?? "null"u8.ToArray(), skipInputValidation: true);
        json.WriteEndObject();
    }

    private static void WriteSkipped(Utf8JsonWriter json, BatchSkippedLine line)
    {
        json.WriteStartObject();
        json.WriteString("custom_id"u8, line.CustomId);
        json.WriteNumber("line"u8, line.LineNumber);
        json.WriteString("failure"u8, BatchFailureClass.InvalidInput.ToWireName());
        json.WriteBoolean("retryable"u8, false);
        json.WriteNumber("attempts"u8, 0);
        json.WritePropertyName("error"u8);
        json.WriteStartObject();
        json.WriteString("code"u8, "invalid_input"u8);
        json.WriteString("message"u8, line.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFailure(Utf8JsonWriter json, BatchLineRecord line)
    {
        var failure = line.Failure ?? BatchFailureClass.ServerError;
        json.WriteStartObject();
        json.WriteString("custom_id"u8, line.CustomId);
        json.WriteNumber("line"u8, line.LineNumber);
        json.WriteString("failure"u8, failure.ToWireName());
        json.WriteBoolean("retryable"u8, failure.IsRetryable());
        json.WriteNumber("attempts"u8, line.Attempts);
        json.WritePropertyName("error"u8);
        json.WriteRawValue(line.Error ?? "null", skipInputValidation: true);
        json.WriteEndObject();
    }
}
