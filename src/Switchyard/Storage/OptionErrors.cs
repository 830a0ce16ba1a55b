namespace Switchyard.Storage;

/// <summary>Turns an options record's validation errors into one exception that lists every problem at once.</summary>
internal static class OptionErrors
{
    /// <exception cref="ArgumentException">There is at least one error; the message joins them all.</exception>
    public static void ThrowIfAny(IReadOnlyList<string> errors, string paramName)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), paramName);
        }
    }
}
