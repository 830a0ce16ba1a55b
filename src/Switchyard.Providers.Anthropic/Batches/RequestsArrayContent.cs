using System.Net;
using System.Net.Http.Headers;

namespace Switchyard.Providers.Anthropic.Batches;

/// <summary>
/// A chunk file (one <c>{"custom_id","params"}</c> per line) sent as <c>{"requests":[…]}</c> straight from disk, with a
/// known length: each newline becomes a comma and the last is dropped, so a 256 MB batch never sits in memory.
/// </summary>
internal sealed class RequestsArrayContent : HttpContent
{
    private static readonly byte[] Prefix = "{\"requests\":["u8.ToArray();
    private static readonly byte[] Suffix = "]}"u8.ToArray();
    private readonly string _path;
    private readonly long _fileBytes;

    public RequestsArrayContent(string path)
    {
        _path = path;
        _fileBytes = new FileInfo(path).Length;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Prefix, cancellationToken).ConfigureAwait(false);
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            var remaining = _fileBytes - 1; // the file's final newline is not sent
            while (remaining > 0)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The chunk file {_path} is shorter than when the request started.");
                }

                buffer.AsSpan(0, read).Replace((byte)'\n', (byte)',');
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }
        }

        await stream.WriteAsync(Suffix, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Prefix.Length + Math.Max(0, _fileBytes - 1) + Suffix.Length;
        return true;
    }
}
