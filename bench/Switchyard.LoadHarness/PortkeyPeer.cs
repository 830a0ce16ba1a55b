using System.Diagnostics;

namespace Switchyard.LoadHarness;

/// <summary>
/// The Portkey AI gateway (npm <c>@portkey-ai/gateway</c>, open-source, Node) as a peer to compare with: installed once
/// into <c>bench/.peers/portkey</c> (gitignored) and started headless on loopback. It needs no configuration file:
/// every request names its upstream in headers (<see cref="Headers"/>).
/// </summary>
internal static class PortkeyPeer
{
    /// <summary>The version measured: the newest one the registry served when this suite was written.</summary>
    public const string Version = "1.15.2";

    /// <summary>
    /// Portkey 1.15.2 declares <c>@hono/node-server ^1.3.3</c>, which resolves to 1.19.x today, whose lightweight
    /// <c>Response</c> hands Portkey immutable headers: every streaming chat completion then fails with
    /// "TypeError: immutable" (Portkey-AI/gateway issues #1389 and #1550, open). 1.13.8 is the newest release that
    /// streams correctly here (1.14.2 still fails); pinned through npm <c>overrides</c>.
    /// </summary>
    public const string HonoNodeServerVersion = "1.13.8";

    private static readonly string PackageJson = $$$"""
        {"name":"switchyard-bench-peers","private":true,"overrides":{"@hono/node-server":"{{{HonoNodeServerVersion}}}"}}
        """;

    /// <summary>Request headers that send one request through Portkey to the OpenAI-compatible API at <paramref name="simulator"/>.</summary>
    public static Dictionary<string, string> Headers(Uri simulator) => new()
    {
        ["x-portkey-provider"] = "openai",
        ["x-portkey-custom-host"] = new Uri(simulator, "/v1").ToString(),
        ["Authorization"] = "Bearer sk-bench",
    };

    /// <summary>Installs the pinned version into <c>bench/.peers/portkey</c> unless it is there already; returns the folder.</summary>
    public static async Task<string> EnsureInstalledAsync(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "bench", ".peers", "portkey");
        var installed = Path.Combine(folder, "node_modules", "@portkey-ai", "gateway", "package.json");
        var hono = Path.Combine(folder, "node_modules", "@hono", "node-server", "package.json");
        if (File.Exists(installed) && File.ReadAllText(installed).Contains($"\"version\": \"{Version}\"", StringComparison.Ordinal)
            && File.Exists(hono) && File.ReadAllText(hono).Contains($"\"version\": \"{HonoNodeServerVersion}\"", StringComparison.Ordinal))
        {
            return folder;
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), PackageJson);
        Console.WriteLine($"Installing @portkey-ai/gateway@{Version} into {folder} ...");
        var info = new ProcessStartInfo("npm", $"install --no-audit --no-fund --save-exact @portkey-ai/gateway@{Version}")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
        };
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("could not start npm (is Node installed?)");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install @portkey-ai/gateway@{Version} failed with exit code {npm.ExitCode}");
        }

        return folder;
    }

    /// <summary>How to start it: the Node process itself (no npm wrapper), so its pid is the gateway's pid.</summary>
    public static ProcessStartInfo StartInfo(string folder, int port) =>
        new("node", $"node_modules/@portkey-ai/gateway/build/start-server.js --port={port} --headless")
        {
            WorkingDirectory = folder,
            Environment = { ["NODE_ENV"] = "production" },
        };
}
