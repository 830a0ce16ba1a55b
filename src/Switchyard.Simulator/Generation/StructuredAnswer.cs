using System.Globalization;
using Switchyard.Simulator.Requests;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// The answer to a request for structured output: compact JSON valid against the format's schema
/// (<see cref="SchemaValueGenerator"/>), or a free-form object for <c>json_object</c>. Like prose, a pure function of
/// seed, model and conversation key, so streaming and non-streaming answers of one request are the same document.
/// </summary>
internal static class StructuredAnswer
{
    public static string For(int seed, string model, string conversationKey, OutputFormat format)
    {
        var prng = new StablePrng(StableHash.Of(seed.ToString(CultureInfo.InvariantCulture), model, conversationKey, "json"));
        return format.Schema is { } schema ? SchemaValueGenerator.Generate(schema, prng) : SchemaValueGenerator.GenerateObject(prng);
    }
}
