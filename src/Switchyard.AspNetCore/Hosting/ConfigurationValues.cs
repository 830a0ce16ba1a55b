using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>How <see cref="ConfigurationShape"/> tests, names and quotes one configuration value.</summary>
internal static class ConfigurationValues
{
    /// <summary>Whether the binder can convert <paramref name="value"/> to <paramref name="type"/> (it uses the same converter).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The options' value types are framework types whose converters are kept.")]
    public static bool Converts(string value, Type type)
    {
        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null || !type.IsValueType;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException or InvalidCastException)
        {
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> looks like, for an error message.</summary>
    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) => "a whole number (32-bit)",
        _ when type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(float) => "a number",
        _ when type == typeof(decimal) => "a decimal number",
        _ when type == typeof(TimeSpan) => "a duration like 00:00:30 (hh:mm:ss) or 30.00:00:00 (days)",
        _ when type == typeof(string) => "a text value",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "a " + type.Name + " value",
    };

    /// <summary>The value in quotes, or a placeholder at a path that holds a secret.</summary>
    public static string Quote(string path, string value) =>
        path.EndsWith(":ApiKey", StringComparison.OrdinalIgnoreCase) ? "a value, not shown because it is a secret" : $"'{Shorten(value)}'";

    // A pasted document in the wrong place should not flood the terminal.
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
