using System.Globalization;
using System.Net;
using System.Text;

namespace Platform.Bench.Relay;

/// <summary>A hand-written SVG bar chart of scenario (a): p50, p90 and p99 per arm, grouped by percentile.</summary>
internal static class PercentileChart
{
    private static readonly string[] Colours = ["#4c78a8", "#f58518", "#54a24b", "#b279a2"];

    public static string Render(IReadOnlyList<ArmLatency> arms)
    {
        (string Name, Func<LatencyStats, double> Value)[] percentiles = [("p50", s => s.P50), ("p90", s => s.P90), ("p99", s => s.P99)];
        const int width = 640, height = 360, left = 60, bottom = 40, top = 40, bar = 40, gap = 40;
        var max = Math.Max(0.001, arms.Max(a => a.Latency.P99)) * 1.15;
        var plot = height - top - bottom;
        var svg = new StringBuilder();
        void Line(string text) => svg.AppendLine(text);
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        Line($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">""");
        Line($"""<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">One call at a time: latency per arm (ms), same simulator, zero latency</text>""");
        Line($"""<line x1="{left}" y1="{top + plot}" x2="{width - 10}" y2="{top + plot}" stroke="black"/>""");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            var y = top + plot - plot * tick / 4.0;
            Line($"""<text x="{left - 6}" y="{F(y + 4)}" text-anchor="end">{value.ToString("0.00", CultureInfo.InvariantCulture)}</text>""");
            Line($"""<line x1="{left}" y1="{F(y)}" x2="{width - 10}" y2="{F(y)}" stroke="#ddd"/>""");
        }
        var groupWidth = arms.Count * bar + gap;
        for (var p = 0; p < percentiles.Length; p++)
        {
            var x0 = left + gap / 2 + p * groupWidth;
            Line($"""<text x="{x0 + arms.Count * bar / 2}" y="{top + plot + 18}" text-anchor="middle">{percentiles[p].Name}</text>""");
            for (var a = 0; a < arms.Count; a++)
            {
                var value = percentiles[p].Value(arms[a].Latency);
                var h = plot * value / max;
                var x = x0 + a * bar;
                Line($"""<rect x="{x}" y="{F(top + plot - h)}" width="{bar - 4}" height="{F(h)}" fill="{Colours[a % Colours.Length]}"/>""");
                Line($"""<text x="{x + (bar - 4) / 2}" y="{F(top + plot - h - 4)}" text-anchor="middle" font-size="10">{value.ToString("0.000", CultureInfo.InvariantCulture)}</text>""");
            }
        }
        for (var a = 0; a < arms.Count; a++)
        {
            var y = top + 10 + a * 16;
            Line($"""<rect x="{width - 120}" y="{y - 9}" width="10" height="10" fill="{Colours[a % Colours.Length]}"/>""");
            Line($"""<text x="{width - 105}" y="{y}">{WebUtility.HtmlEncode(arms[a].Arm)}</text>""");
        }
        Line("</svg>");
        return svg.ToString();
    }
}
