using System.Text;

namespace Switchyard.Hosting.Configuration;

/// <summary>
/// Reads a configuration file as strict UTF-8 text. A byte that is not UTF-8 is refused with its line rather than
/// read as U+FFFD, which would silently change a key name or tenant; a UTF-8 byte order mark is skipped, as .NET's own
/// JSON configuration reader does.
/// </summary>
internal static class ConfigFileText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null with the reason in <paramref name="problem"/>.</summary>
    public static string? Read(string path, out string? problem)
    {
        problem = null;
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                problem = $"{path} is a directory, not a configuration file.";
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = $"{path} does not exist.";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{path} cannot be read: {ex.Message}";
            return null;
        }

        var body = bytes.AsSpan();
        if (body.StartsWith(Encoding.UTF8.Preamble))
        {
            body = body[Encoding.UTF8.Preamble.Length..];
        }
        else if (body.StartsWith((byte[])[0xFF, 0xFE]) || body.StartsWith((byte[])[0xFE, 0xFF]))
        {
            problem = $"{path} is UTF-16 text; save it as UTF-8.";
            return null;
        }

        try
        {
            return Strict.GetString(body);
        }
        catch (DecoderFallbackException ex)
        {
            var at = Math.Max(0, ex.Index);
            var line = 1 + body[..Math.Min(at, body.Length)].Count((byte)'\n');
            problem = $"{path} is not valid UTF-8 (line {line}); save it as UTF-8.";
            return null;
        }
    }
}
