using System.Globalization;
using System.Security;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>One series of bars: a name for the legend, a fill colour, one value per group (NaN = no bar).</summary>
internal sealed record BarSeries(string Name, string Color, IReadOnlyList<double> Values);

/// <summary>One panel of grouped bars with its own title and group labels.</summary>
internal sealed record BarPanel(string Title, IReadOnlyList<string> Groups, IReadOnlyList<BarSeries> Series);

/// <summary>
/// Hand-written SVG grouped bar charts, no dependencies: panels stacked vertically, a shared legend, every bar labelled
/// with its value. A log scale suits latencies that span from tenths of a millisecond to seconds; values at or below the
/// scale's floor are drawn as a stub and still labelled with their true value.
/// </summary>
internal static class SvgBarChart
{
    private const int Width = 960;
    private const int PanelHeight = 260;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 60;
    private const int PlotTop = 30;
    private const int PlotBottom = 50;

    public static string Render(string title, string unit, IReadOnlyList<BarPanel> panels, bool logScale)
    {
        var values = panels.SelectMany(p => p.Series).SelectMany(s => s.Values).Where(v => double.IsFinite(v)).ToList();
        var max = values.Count == 0 ? 1 : Math.Max(values.Max(), 1e-3);
        var floor = logScale ? Math.Pow(10, Math.Floor(Math.Log10(Math.Max(values.Where(v => v > 0).DefaultIfEmpty(0.01).Min(), 0.01)))) : 0;
        var ceiling = logScale ? Math.Pow(10, Math.Ceiling(Math.Log10(max))) : NiceCeiling(max);
        var height = Top + (panels.Count * PanelHeight) + 10;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="11">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">{Escape(title)}</text>""");
        var legendX = Left;
        foreach (var series in panels[0].Series)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{legendX}" y="32" width="12" height="12" fill="{series.Color}"/><text x="{legendX + 16}" y="42">{Escape(series.Name)}</text>""");
            legendX += 24 + (series.Name.Length * 7);
        }

        for (var p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            var y0 = Top + (p * PanelHeight) + PlotTop;
            var plotHeight = PanelHeight - PlotTop - PlotBottom;
            double Y(double v)
            {
                var fraction = logScale
                    ? (Math.Log10(Math.Max(v, floor)) - Math.Log10(floor)) / (Math.Log10(ceiling) - Math.Log10(floor))
                    : Math.Max(v, 0) / ceiling;
                return y0 + plotHeight - (fraction * plotHeight);
            }

            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{y0 - 10}" font-size="13" font-weight="bold">{Escape(panel.Title)}</text>""");
            foreach (var tick in Ticks(floor, ceiling, logScale))
            {
                var y = Y(tick);
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Width - Right}" y1="{y:F1}" y2="{y:F1}" stroke="#ddd"/><text x="{Left - 6}" y="{y + 4:F1}" text-anchor="end">{Format(tick)}</text>""");
            }

            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="14" y="{y0 + (plotHeight / 2)}" transform="rotate(-90 14 {y0 + (plotHeight / 2)})" text-anchor="middle">{Escape(unit)}</text>""");
            var groupWidth = (double)(Width - Left - Right) / panel.Groups.Count;
            var barWidth = (groupWidth * 0.8) / panel.Series.Count;
            for (var g = 0; g < panel.Groups.Count; g++)
            {
                var gx = Left + (g * groupWidth) + (groupWidth * 0.1);
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{gx + (groupWidth * 0.4):F1}" y="{y0 + plotHeight + 16}" text-anchor="middle">{Escape(panel.Groups[g])}</text>""");
                for (var s = 0; s < panel.Series.Count; s++)
                {
                    var value = panel.Series[s].Values[g];
                    if (!double.IsFinite(value))
                    {
                        continue;
                    }

                    var x = gx + (s * barWidth);
                    var top = Math.Min(Y(value), y0 + plotHeight - 2);
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x:F1}" y="{top:F1}" width="{barWidth - 2:F1}" height="{y0 + plotHeight - top:F1}" fill="{panel.Series[s].Color}"><title>{Escape(panel.Series[s].Name)}: {Format(value)}</title></rect>""");
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + ((barWidth - 2) / 2):F1}" y="{top - 3:F1}" text-anchor="middle" font-size="9">{Format(value)}</text>""");
                }
            }

            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Width - Right}" y1="{y0 + plotHeight}" y2="{y0 + plotHeight}" stroke="#333"/>""");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static IEnumerable<double> Ticks(double floor, double ceiling, bool logScale)
    {
        if (logScale)
        {
            for (var t = floor; t <= ceiling * 1.0001; t *= 10)
            {
                yield return t;
            }

            yield break;
        }

        for (var i = 0; i <= 5; i++)
        {
            yield return ceiling * i / 5;
        }
    }

    private static double NiceCeiling(double max)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(c => c >= max);
    }

    private static string Format(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
