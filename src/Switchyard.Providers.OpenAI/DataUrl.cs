namespace Switchyard.Providers.OpenAI;

/// <summary>Splits and builds <c>data:&lt;media type&gt;;base64,&lt;payload&gt;</c> URLs, the inline image form of OpenAI.</summary>
internal static class DataUrl
{
    private const string Prefix = "data:";
    private const string Marker = ";base64,";

    public static bool TryParse(string url, out string mediaType, out string data)
    {
        mediaType = string.Empty;
        data = string.Empty;
        if (!url.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var marker = url.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (marker <= Prefix.Length || marker + Marker.Length >= url.Length)
        {
            return false;
        }

        mediaType = url[Prefix.Length..marker];
        data = url[(marker + Marker.Length)..];
        return mediaType.Contains('/', StringComparison.Ordinal);
    }

    public static string Build(string mediaType, string data) => string.Concat(Prefix, mediaType, Marker, data);
}
