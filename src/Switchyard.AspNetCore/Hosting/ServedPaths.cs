using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// The gateway's paths and the methods each answers, for the fallback: a request that matched no endpoint gets a 405
/// with <c>Allow</c> when its path is served under other methods. ASP.NET Core's routing makes that 405 itself, but
/// not when a catch-all fallback is mapped (the fallback matches every method), so the fallback asks this instead.
/// </summary>
internal sealed class ServedPaths
{
    private readonly (TemplateMatcher Matcher, string[] Methods)[] _paths;

    private ServedPaths((TemplateMatcher, string[])[] paths) => _paths = paths;

    /// <summary>Collects every route endpoint that names its methods (the fallback names none, so it is left out).</summary>
    public static ServedPaths From(IEnumerable<EndpointDataSource> sources)
    {
        var byPattern = new Dictionary<string, (RouteEndpoint Endpoint, SortedSet<string> Methods)>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in sources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods)
            {
                continue;
            }

            var pattern = endpoint.RoutePattern.RawText ?? string.Empty;
            if (!byPattern.TryGetValue(pattern, out var entry))
            {
                entry = (endpoint, new SortedSet<string>(StringComparer.Ordinal));
                byPattern.Add(pattern, entry);
            }

            entry.Methods.UnionWith(methods.HttpMethods);
        }

        return new ServedPaths(byPattern.Values
            .Select(entry => (new TemplateMatcher(new RouteTemplate(entry.Endpoint.RoutePattern), new RouteValueDictionary()), entry.Methods.ToArray()))
            .ToArray());
    }

    /// <summary>The methods some endpoint answers at <paramref name="path"/>, in order; empty when none serves it.</summary>
    public IReadOnlyList<string> MethodsFor(PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (matcher, served) in _paths)
        {
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(served);
            }
        }

        return [.. methods];
    }
}
