using System.Globalization;
using System.Text.Json;

namespace Switchyard.Simulator.Generation;

internal static partial class SchemaValueGenerator
{
    /// <summary>
    /// A value of the schema's string <c>format</c>: <c>date-time</c>, <c>date</c>, <c>time</c>, <c>duration</c>,
    /// <c>email</c>, <c>hostname</c>, <c>ipv4</c>, <c>ipv6</c>, <c>uuid</c>, <c>uri</c> (and <c>url</c>, <c>uri-reference</c>,
    /// <c>iri</c>); null for no or another format. Hosts are under <c>example.com</c> and addresses in the documentation ranges.
    /// </summary>
    private static string? FormattedString(JsonElement schema, StablePrng prng)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var inv = CultureInfo.InvariantCulture;
        return format switch
        {
            "date-time" => Date(prng).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv),
            "date" => Date(prng).ToString("yyyy-MM-dd", inv),
            "time" => Date(prng).ToString("HH:mm:ss", inv),
            "duration" => string.Create(inv, $"PT{prng.Next(1, 23)}H{prng.Next(0, 59)}M"),
            "email" => $"{Word(prng)}.{Word(prng)}@example.com",
            "hostname" => $"{Word(prng)}.example.com",
            "ipv4" => string.Create(inv, $"192.0.2.{prng.Next(1, 254)}"),
            "ipv6" => string.Create(inv, $"2001:db8::{prng.Next(1, 0xffff):x}"),
            "uuid" => Uuid(prng),
            "uri" or "url" or "uri-reference" or "iri" => $"https://example.com/{Word(prng)}/{Word(prng)}",
            _ => null,
        };
    }

    /// <summary>A second in 2020–2029, so every date format is a real calendar date.</summary>
    private static DateTime Date(StablePrng prng) =>
        new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(prng.Next(0, (10 * 365 * 24 * 3600) - 1));

    private static string Uuid(StablePrng prng)
    {
        var hex = string.Create(32, prng, static (span, p) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = "0123456789abcdef"[p.Next(0, 15)];
            }
        });

        // Version 4, variant 10xx: what a validator checking RFC 9562 expects.
        return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-{"89ab"[hex[16] % 4]}{hex[17..20]}-{hex[20..]}";
    }
}
