using System.Text.Json;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The part every OpenAI request door shares (Chat Completions, Responses and embeddings): parse the body, insist on a
/// JSON object, and turn the door's first validation problem into an error with its param path.
/// </summary>
internal static class RequestBody
{
    /// <summary>Reads a validated request from the object at the root of a body.</summary>
    public delegate JsonProblem? RootReader<T>(JsonElement root, out T? request)
        where T : class;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    public static CodecResult<T> Read<T>(ReadOnlyMemory<byte> body, RootReader<T> readRoot)
        where T : class
    {
        // Checked before parsing: the parser lets invalid UTF-8 and lone surrogate escapes through to GetString, which throws.
        if (JsonTextCheck.FindProblem(body.Span) is not null)
        {
            return CodecResult<T>.Invalid(OpenAIRequestReader.UnparsableBody);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return CodecResult<T>.Invalid(OpenAIRequestReader.UnparsableBody);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CodecResult<T>.Invalid(
                    $"Invalid type for request body: expected an object, but got {JsonProblem.Describe(root)} instead.");
            }

            var problem = readRoot(root, out var request);
            return problem is null ? request! : CodecResult<T>.Invalid(problem.Message, problem.Param);
        }
    }
}
