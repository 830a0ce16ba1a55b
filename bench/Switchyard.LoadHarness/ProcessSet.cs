using System.Diagnostics;

namespace Switchyard.LoadHarness;

/// <summary>
/// The simulator and the gateway, each in its own process (as in production), started from the real `switchyard`
/// executable next to the harness and stopped on dispose.
/// </summary>
internal sealed class ProcessSet : IAsyncDisposable
{
    public const string GatewayKey = "sy-bench-key";

    /// <summary>
    /// A gateway entry's override naming another build's <c>switchyard.dll</c> to run instead of the one next to the
    /// harness (the <c>--baseline</c> option: before and after side by side in one run). Not passed to the process.
    /// </summary>
    public const string CliOverride = "SWITCHYARD_BENCH_CLI";

    private readonly List<Process> _processes = [];
    private readonly Dictionary<string, Uri> _gateways = new(StringComparer.Ordinal);
    private readonly List<string> _gatewayOrder = [];
    private readonly Dictionary<int, Process> _byPort = [];
    private string? _storage;

    public Uri Simulator { get; private set; } = null!;

    /// <summary>The first (for the default suite, the only) gateway.</summary>
    public Uri Gateway { get; private set; } = null!;

    /// <summary>A gateway started with <see cref="StartAsync(IReadOnlyDictionary{string, IReadOnlyDictionary{string, string}})"/>, by name.</summary>
    public Uri GatewayNamed(string name) => _gateways[name];

    /// <summary>The names of the started gateways, in the order they were started.</summary>
    public IReadOnlyList<string> GatewayNames => [.. _gatewayOrder];

    /// <summary>Whether a gateway of this name was started.</summary>
    public bool HasGateway(string name) => _gateways.ContainsKey(name);

    /// <summary>CPU time used so far by the process listening where <paramref name="url"/> points (user and kernel).</summary>
    public TimeSpan CpuTime(Uri url)
    {
        var process = _byPort[url.Port];
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The id of the process listening where <paramref name="url"/> points.</summary>
    public int Pid(Uri url) => _byPort[url.Port].Id;

    /// <summary>
    /// Starts another program (a peer gateway) listening on <paramref name="port"/>, owned and stopped by this set like
    /// the others, and waits until <paramref name="probe"/> answers.
    /// </summary>
    public async Task StartPeerAsync(string name, ProcessStartInfo info, int port, Uri probe)
    {
        Start(name, info, port);
        await WaitUntilUpAsync(probe);
    }

    /// <summary>A free loopback port (racy, as any such probe, but fine on one machine).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The simulator and one gateway with its default configuration (storage in the working directory).</summary>
    public static Task<ProcessSet> StartAsync() =>
        StartAsync(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["gateway"] = new Dictionary<string, string>() }, ownStorage: false);

    /// <summary>
    /// The simulator and one gateway per entry, all in front of the same simulator, each with its own storage files in a
    /// temporary folder (removed on dispose) and the entry's extra environment (configuration overrides).
    /// </summary>
    public static Task<ProcessSet> StartAsync(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> gateways) =>
        StartAsync(gateways, ownStorage: true);

    private static async Task<ProcessSet> StartAsync(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> gateways, bool ownStorage)
    {
        var set = new ProcessSet();
        var simulatorPort = FreePort();
        set.Simulator = new Uri($"http://127.0.0.1:{simulatorPort}");
        // Advertise rate limits far above what this machine can send: the harness measures the gateway's overhead,
        // not its (correct) obedience to a provider's limits.
        set.Launch("simulate", $"--urls {set.Simulator} --rate-limit-scale 1000", new Dictionary<string, string>(), simulatorPort);
        await WaitUntilUpAsync(new Uri(set.Simulator, "/_sim/stats"));
        if (ownStorage)
        {
            set._storage = Directory.CreateTempSubdirectory("switchyard-bench-").FullName;
        }

        foreach (var (name, overrides) in gateways)
        {
            var gateway = new Uri($"http://127.0.0.1:{FreePort()}");
            var environment = new Dictionary<string, string>
            {
                ["OPENAI_API_KEY"] = "sk-bench",
                ["OPENAI_BASE_URL"] = set.Simulator.ToString(),
                ["ANTHROPIC_API_KEY"] = "sk-bench",
                ["ANTHROPIC_BASE_URL"] = set.Simulator.ToString(),
                ["SWITCHYARD_API_KEY"] = GatewayKey,
            };
            if (set._storage is not null)
            {
                environment["SWITCHYARD__STORAGE__PATH"] = Path.Combine(set._storage, name + ".db");
            }

            foreach (var (key, value) in overrides.Where(o => o.Key != CliOverride))
            {
                environment[key] = value;
            }

            set.Launch("serve", $"--urls {gateway} --log-level Warning", environment, gateway.Port, overrides.GetValueOrDefault(CliOverride));
            await WaitUntilUpAsync(new Uri(gateway, "/healthz"));
            if (set._gateways.Count == 0)
            {
                set.Gateway = gateway;
            }

            set._gateways[name] = gateway;
            set._gatewayOrder.Add(name);
        }

        return set;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (_storage is not null)
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    private void Launch(string verb, string arguments, Dictionary<string, string> environment, int port, string? cli = null)
    {
        cli ??= Path.Combine(AppContext.BaseDirectory, "switchyard.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{cli}\" {verb} {arguments}");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        // Workstation GC unless a variant asks otherwise (--variant name:DOTNET_gcServer=1).
        if (!environment.ContainsKey("DOTNET_gcServer"))
        {
            info.Environment["DOTNET_gcServer"] = "0";
        }
        Start(verb, info, port);
    }

    private void Start(string verb, ProcessStartInfo info, int port)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {verb}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{verb}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        _byPort[port] = process;
    }

    private static async Task WaitUntilUpAsync(Uri probe)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(probe);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{probe} did not come up within 60 s");
    }
}
