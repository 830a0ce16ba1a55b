using System.Globalization;

namespace Switchyard.LoadHarness;

/// <summary>CPU time and peak resident memory of a process, read from Linux's <c>/proc</c>; the same for .NET and Node.</summary>
/// <param name="Cpu">User plus kernel CPU time so far (<c>/proc/&lt;pid&gt;/stat</c> fields 14 and 15).</param>
/// <param name="PeakRssBytes">Peak resident set size (<c>VmHWM</c> in <c>/proc/&lt;pid&gt;/status</c>).</param>
internal readonly record struct ProcStats(TimeSpan Cpu, long PeakRssBytes)
{
    // USER_HZ: the unit of utime and stime. 100 on every Linux this harness runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static ProcStats Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var hwm = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = long.Parse(hwm["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return new ProcStats(TimeSpan.FromSeconds(ticks / TicksPerSecond), kib * 1024);
    }

    /// <summary>The process's current resident set size in bytes (<c>VmRSS</c> in <c>/proc/&lt;pid&gt;/status</c>).</summary>
    public static long ReadRss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>
    /// Resets the process's peak RSS to its current RSS (writing 5 to <c>/proc/&lt;pid&gt;/clear_refs</c>), so the next
    /// <see cref="Read"/> gives the peak of one row rather than of the process's whole life. Returns false where the
    /// kernel or permissions do not allow it; the peak is then since the process started.
    /// </summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
