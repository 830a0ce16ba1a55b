using Switchyard.Failures;

namespace Switchyard.Routing;

/// <summary>
/// What a provider model name can look like. Both providers' ids (fine-tunes and snapshots included) are short printable
/// ASCII without spaces; a name outside that is nobody's model. Checking it before a naming convention claims it keeps
/// such a name from reaching a provider, and from the response headers that echo it, where a non-ASCII or control
/// character cannot be written at all.
/// </summary>
public static class ModelName
{
    /// <summary>Longer than any model id either provider issues.</summary>
    public const int MaxLength = 256;

    /// <summary>Whether <paramref name="name"/> can be a provider's model id.</summary>
    public static bool IsPlausible(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The 404 for a model no route or provider serves, as providers answer it (<c>model_not_found</c>).</summary>
    public static Failure NotServed(string name) =>
        new(FailureKind.NotFound, $"The model {Quoted(name)} does not exist: no route or provider serves it.") { Param = "model", ProviderErrorCode = "model_not_found" };

    // A client's name can be any length: the error quotes only as much of it as a model id could be.
    private static string Quoted(string name) =>
        name.Length <= MaxLength ? $"`{name}`" : $"`{name[..MaxLength]}…` ({name.Length} characters)";
}
