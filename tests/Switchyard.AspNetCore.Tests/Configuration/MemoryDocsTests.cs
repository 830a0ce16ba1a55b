using System.Reflection;
using System.Text.RegularExpressions;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Tests.Configuration;

/// <summary>The options table of docs/memory.md lists exactly the keys the gateway binds, no more, no fewer.</summary>
public sealed partial class MemoryDocsTests
{
    [Fact]
    public void OptionsTable_ListsExactlyTheBoundMemoryKeys()
    {
        var doc = File.ReadAllText(Path.Combine(DocumentedConfigurationTests.RepositoryRoot(), "docs", "memory.md"));
        var section = doc[doc.IndexOf("## Options (`Memory` section)", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var documented = TableKey().Matches(section).Select(m => m.Groups[1].Value).ToHashSet();

        var bound = Keys(typeof(MemoryConfigOptions), "Memory").ToHashSet();

        Assert.Equal(bound.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    // Settable public properties, recursing into the option classes of this assembly (what the binder fills).
    private static IEnumerable<string> Keys(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var path = prefix + ":" + property.Name;
            if (property.PropertyType.IsClass && property.PropertyType.Assembly == typeof(MemoryConfigOptions).Assembly)
            {
                foreach (var inner in Keys(property.PropertyType, path))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    [GeneratedRegex(@"^\| `(Memory:[A-Za-z:]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableKey();
}
