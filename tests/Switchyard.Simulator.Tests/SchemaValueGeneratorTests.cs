using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Tests;

/// <summary>The generator's values validate against their schemas for many seeds, including the parts only structured outputs use.</summary>
public sealed class SchemaValueGeneratorTests
{
    public static TheoryData<string> Schemas =>
    [
        StructuredOutputTests.TicketSchema,
        Requests.WeatherSchema,
        """{"type":"object","properties":{"at":{"type":"string","format":"date"},"clock":{"type":"string","format":"time"},"host":{"type":"string","format":"hostname"},"v4":{"type":"string","format":"ipv4"},"v6":{"type":"string","format":"ipv6"},"link":{"type":"string","format":"uri"}},"required":["at","clock","host","v4","v6","link"]}""",
        """{"type":"object","properties":{"ratio":{"type":"number","exclusiveMinimum":0.001,"exclusiveMaximum":0.002},"count":{"type":"integer","exclusiveMinimum":-3,"exclusiveMaximum":-1},"note":{"type":["null","string"],"maxLength":4}}}""",
        """{"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"$ref":"#/definitions/b"}],"definitions":{"b":{"type":"object","properties":{"b":{"type":"integer"}},"required":["b"]}}}""",
        """{"$ref":"#/$defs/list","$defs":{"list":{"type":"object","properties":{"head":{"type":"integer"},"tail":{"anyOf":[{"$ref":"#/$defs/list"},{"type":"null"}]}},"required":["head","tail"],"additionalProperties":false}}}""",
        """{"type":"object","properties":{"tree":{"$ref":"#"},"name":{"type":"string"}},"required":["name"]}""",
    ];

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Generate_ManySeeds_ValidAgainstTheSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        for (var seed = 0UL; seed < 200; seed++)
        {
            SchemaAssert.Valid(schema, SchemaValueGenerator.Generate(document.RootElement, new StablePrng(seed)));
        }
    }

    [Fact]
    public void Generate_SameSeed_SameValue()
    {
        using var document = JsonDocument.Parse(StructuredOutputTests.TicketSchema);

        Assert.Equal(SchemaValueGenerator.Generate(document.RootElement, new StablePrng(9)), SchemaValueGenerator.Generate(document.RootElement, new StablePrng(9)));
    }

    [Fact]
    public void GenerateObject_AnySeed_AnObjectOfTwoToFourMembers()
    {
        for (var seed = 0UL; seed < 100; seed++)
        {
            using var value = JsonDocument.Parse(SchemaValueGenerator.GenerateObject(new StablePrng(seed)));

            Assert.InRange(value.RootElement.EnumerateObject().Count(), 2, 4);
        }
    }
}
