using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Checks a configuration section against the shape of the options type it binds to, before binding: every key that
/// names no setting (with the closest setting's name), every value that does not convert to its setting's type, and
/// every object given where a value belongs or the reverse, each with its full configuration path, all at once.
/// </summary>
/// <remarks>
/// The configuration binder stops at the first problem and, inside lists and dictionaries, reports neither the key
/// nor the value ("binding has failed"); a typo'd budget or key field must not cost an operator a guessing game.
/// Values at secret paths (<c>ApiKey</c>) are never quoted.
/// </remarks>
internal static class ConfigurationShape
{
    /// <summary>Every shape problem of <paramref name="section"/> against <paramref name="type"/>; empty when it binds cleanly.</summary>
    [RequiresUnreferencedCode("Reads the options types' public properties, as the configuration binder does.")]
    public static IReadOnlyList<string> Check(IConfigurationSection section, Type type)
    {
        var errors = new List<string>();
        CheckNode(section, type, errors);
        return errors;
    }

    [RequiresUnreferencedCode("Reads the options types' public properties, as the configuration binder does.")]
    private static void CheckNode(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsValue(type))
        {
            // A value is not asked for children: each GetChildren call reads every key of every provider, and a
            // dictionary of thousands of values would make the check quadratic.
            if (section.Value is null && section.GetChildren().Any())
            {
                errors.Add($"{section.Path} must be {ConfigurationValues.Describe(type)}, not an object or a list.");
            }
            else if (section.Value is { Length: > 0 } value && !ConfigurationValues.Converts(value, type))
            {
                errors.Add($"{section.Path} must be {ConfigurationValues.Describe(type)} (was {ConfigurationValues.Quote(section.Path, value)}).");
            }

            return;
        }

        // JSON null arrives as an empty value: the setting keeps its default, as the binder does.
        if (section.Value is { Length: > 0 } scalar)
        {
            errors.Add($"{section.Path} must be {(ElementType(type) is null ? "an object" : "a list or an object")} (was {ConfigurationValues.Quote(section.Path, scalar)}).");
            return;
        }

        var children = section.GetChildren().ToList();
        if (DictionaryValueType(type) is { } valueType)
        {
            children.ForEach(child => CheckNode(child, valueType, errors));
        }
        else if (ElementType(type) is { } elementType)
        {
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add($"{section.Path} must be a list (found the key '{child.Key}').");
                    return;
                }

                CheckNode(child, elementType, errors);
            }
        }
        else
        {
            // What the binder binds: settable properties, and get-only objects and collections it fills in place.
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetMethod is { IsPublic: true } && (p.SetMethod is { IsPublic: true } || !IsValue(p.PropertyType)))
                .ToList();
            foreach (var child in children)
            {
                if (properties.FirstOrDefault(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase)) is { } property)
                {
                    CheckNode(child, property.PropertyType, errors);
                }
                else
                {
                    var closest = ClosestName.Find(child.Key, properties.Select(p => p.Name));
                    errors.Add($"{child.Path} is not a setting{(closest is null ? "" : $" (did you mean '{closest}'?)")}; "
                        + $"{section.Path} has {string.Join(", ", properties.Select(p => p.Name))}.");
                }
            }
        }
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static Type? DictionaryValueType(Type type) => GenericArgument(type, typeof(IDictionary<,>), 1) ?? GenericArgument(type, typeof(IReadOnlyDictionary<,>), 1);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType() : type == typeof(string) ? null : GenericArgument(type, typeof(IEnumerable<>), 0);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Options types are bound by reflection anyway.")]
    private static Type? GenericArgument(Type type, Type definition, int index) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == definition ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition))
            ?.GetGenericArguments()[index];
}
