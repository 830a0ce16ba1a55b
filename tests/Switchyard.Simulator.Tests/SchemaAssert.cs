using Switchyard.Testing;

namespace Switchyard.Simulator.Tests;

/// <summary>Asserts that a JSON value is valid against a schema (see <see cref="JsonSchemaCheck"/> for what is checked).</summary>
internal static class SchemaAssert
{
    public static void Valid(string schemaJson, string valueJson)
    {
        var errors = JsonSchemaCheck.Errors(schemaJson, valueJson);
        Assert.True(errors.Count == 0, $"{valueJson}\nbreaks its schema:\n{string.Join('\n', errors)}");
    }
}
