using System.Text.Json;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// What OpenAI checks while a batch is <c>validating</c>: every line a POST to the batch endpoint with a unique
/// custom_id and a body naming the same model. Problems become <c>errors.data</c> entries with 1-based line numbers.
/// </summary>
internal static class OpenAIBatchValidator
{
    /// <summary>The real API stops listing after a while too; a bad 50,000-line file must not make a giant batch object.</summary>
    private const int MaxErrors = 100;

    public static (string? Model, List<BatchValidationError> Errors) Validate(SimBatch batch)
    {
        var errors = new List<BatchValidationError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? model = null;
        for (var i = 0; i < batch.Lines.Count && errors.Count < MaxErrors; i++)
        {
            var line = i + 1;
            try
            {
                using var document = JsonDocument.Parse(batch.Lines.Read(batch.Input, i));
                if (Check(document.RootElement, batch.Endpoint, line, seen, ref model) is { } error)
                {
                    errors.Add(error);
                }
            }
            catch (JsonException)
            {
                errors.Add(new BatchValidationError("invalid_json_line", "This line is not parseable as valid JSON.", line));
            }
        }

        return (model, errors);
    }

    private static BatchValidationError? Check(JsonElement root, string endpoint, int line, HashSet<string> seen, ref string? model)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new("invalid_json_line", "This line is not a JSON object.", line);
        }

        if (!root.TryGetProperty("custom_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
        {
            return new("missing_required_parameter", "Missing required parameter: 'custom_id'.", line, "custom_id");
        }

        if (!seen.Add(id.GetString()!))
        {
            return new("duplicate_custom_id", $"The custom_id '{id.GetString()}' is used more than once in this batch; custom_ids must be unique.", line, "custom_id");
        }

        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "POST")
        {
            return new("invalid_method", "The method must be 'POST'.", line, "method");
        }

        if (!root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String || url.GetString() != endpoint)
        {
            return new("invalid_url", $"The url must be '{endpoint}', the endpoint of this batch.", line, "url");
        }

        if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("model", out var m) || m.ValueKind != JsonValueKind.String)
        {
            return new("missing_required_parameter", "Missing required parameter: 'body.model'.", line, "body.model");
        }

        model ??= m.GetString();
        return model == m.GetString()
            ? null
            : new("mismatched_model", $"All requests in a batch must use the same model; this line uses '{m.GetString()}', the batch '{model}'.", line, "body.model");
    }
}
