namespace Switchyard.AspNetCore.FrontDoors.Idempotency;

/// <summary>The gateway's own response headers, kept with an idempotent answer so a replay reports the same routing.</summary>
internal static class ReplayHeaders
{
    public static Dictionary<string, string> From(HttpChatResponseSink sink)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in sink.Headers)
        {
            if (name.StartsWith("x-switchyard-", StringComparison.OrdinalIgnoreCase))
            {
                kept[name] = value.ToString();
            }
        }

        return kept;
    }
}
