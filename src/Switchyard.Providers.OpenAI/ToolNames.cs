namespace Switchyard.Providers.OpenAI;

/// <summary>OpenAI's function-name rule, <c>^[a-zA-Z0-9_-]{1,64}$</c>, checked without a regex.</summary>
internal static class ToolNames
{
    public const int MaxLength = 64;

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
