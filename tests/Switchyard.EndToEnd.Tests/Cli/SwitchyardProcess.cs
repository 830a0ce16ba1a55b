using System.Diagnostics;

namespace Switchyard.EndToEnd.Tests.Cli;

/// <summary>The real <c>switchyard</c> executable as a child process, with no provider keys in its environment.</summary>
internal static class SwitchyardProcess
{
    /// <summary>Starts <c>switchyard ARGS</c> with its output redirected.</summary>
    public static Process Start(params string[] arguments) => StartIn(null, arguments);

    /// <summary>Starts <c>switchyard ARGS</c> in <paramref name="workingDirectory"/> (null: this process's) with its output redirected.</summary>
    public static Process StartIn(string? workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "switchyard.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "SWITCHYARD_API_KEY" })
        {
            info.Environment.Remove(name);
        }

        return Process.Start(info)!;
    }

    /// <summary>Runs <c>switchyard ARGS</c> to its exit (killed after 60 s: a command that should fail must not hang).</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
