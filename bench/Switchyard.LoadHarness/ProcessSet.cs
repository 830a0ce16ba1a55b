using System.Diagnostics;

namespace Switchyard.LoadHarness;

/// <summary>
/// The simulator and the gateway, each in its own process (as in production), started from the real `switchyard`
/// executable next to the harness and stopped on dispose.
/// </summary>
internal sealed class ProcessSet : IAsyncDisposable
{
    public const string GatewayKey = "sy-bench-key";

    private readonly List<Process> _processes = [];

    public Uri Simulator { get; private set; } = null!;

    public Uri Gateway { get; private set; } = null!;

    public static async Task<ProcessSet> StartAsync()
    {
        var set = new ProcessSet();
        var simulatorPort = FreePort();
        var gatewayPort = FreePort();
        set.Simulator = new Uri($"http://127.0.0.1:{simulatorPort}");
        set.Gateway = new Uri($"http://127.0.0.1:{gatewayPort}");
        // Advertise rate limits far above what this machine can send: the harness measures the gateway's overhead,
        // not its (correct) obedience to a provider's limits.
        set.Launch("simulate", $"--urls {set.Simulator} --rate-limit-scale 1000", new Dictionary<string, string>());
        await WaitUntilUpAsync(new Uri(set.Simulator, "/_sim/stats"));
        set.Launch("serve", $"--urls {set.Gateway} --log-level Warning", new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "sk-bench",
            ["OPENAI_BASE_URL"] = set.Simulator.ToString(),
            ["ANTHROPIC_API_KEY"] = "sk-bench",
            ["ANTHROPIC_BASE_URL"] = set.Simulator.ToString(),
            ["SWITCHYARD_API_KEY"] = GatewayKey,
        });
        await WaitUntilUpAsync(new Uri(set.Gateway, "/healthz"));
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
    }

    private void Launch(string verb, string arguments, Dictionary<string, string> environment)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "switchyard.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{cli}\" {verb} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start switchyard {verb}");
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
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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
