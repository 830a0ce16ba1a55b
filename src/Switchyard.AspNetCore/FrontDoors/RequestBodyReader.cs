using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>Reads a request body up to a byte limit, so an oversized body is refused without being buffered whole.</summary>
internal static class RequestBodyReader
{
    /// <summary>The body, or null when it exceeds <paramref name="limit"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            // Consume nothing, examine everything: the pipe keeps buffering until the body is complete.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
