using System.Text;
using static Pipeline.Client.Report.Svg;

namespace Pipeline.Client.Report;

/// <summary>One bar: a label, its value, the hover text.</summary>
public sealed record Bar(string Label, double Value, string Tooltip, bool Separated = false);

/// <summary>
/// A horizontal bar chart as inline SVG: one row per bar, a zero line, bars left of it for negative values
/// (so diverging indices such as resistance read at a glance). A bar with <see cref="Bar.Separated"/> starts a
/// new group after a gap (e.g. the bottom of a top/bottom ranking).
/// </summary>
public static class BarChart
{
    public static string Render(string id, IReadOnlyList<Bar> bars, string valueLabel, int width = 620, int labelWidth = 230, string color = "#0072B2")
    {
        const int row = 18, top = 8, axis = 28, gap = 14;
        int height = top + bars.Count * row + bars.Count(b => b.Separated) * gap + axis;
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"{Esc(id)}\" class=\"chart\" role=\"img\" aria-label=\"{Esc(valueLabel)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        if (bars.Count == 0)
        {
            sb.Append($"<text x=\"10\" y=\"20\" class=\"empty\">no values in this run</text></svg>");
            return sb.ToString();
        }
        double min = Math.Min(0, bars.Min(b => b.Value)), max = Math.Max(0, bars.Max(b => b.Value));
        if (max == min) max = min + 1;
        double plotLeft = labelWidth + 6, plotWidth = width - plotLeft - 12;
        double X(double v) => plotLeft + (v - min) / (max - min) * plotWidth;
        double zero = X(0), y = top;
        double plotBottom = height - axis + 4;
        foreach (var t in Ticks(min, max))
            sb.Append($"<line class=\"grid\" x1=\"{N(X(t))}\" x2=\"{N(X(t))}\" y1=\"{top}\" y2=\"{N(plotBottom)}\"/>")
              .Append($"<text class=\"tick\" x=\"{N(X(t))}\" y=\"{N(plotBottom + 12)}\" text-anchor=\"middle\">{Esc(V(t))}</text>");
        foreach (var b in bars)
        {
            if (b.Separated) y += gap;
            double x0 = Math.Min(zero, X(b.Value)), w = Math.Max(1, Math.Abs(X(b.Value) - zero));
            var fill = b.Value < 0 ? "#D55E00" : color;
            sb.Append($"<g class=\"mark\"><title>{Esc(b.Tooltip)}</title>")
              .Append($"<text class=\"label\" x=\"{labelWidth}\" y=\"{N(y + row * 0.7)}\" text-anchor=\"end\">{Esc(Shorten(b.Label, 34))}</text>")
              .Append($"<rect x=\"{N(x0)}\" y=\"{N(y + 2)}\" width=\"{N(w)}\" height=\"{row - 4}\" fill=\"{fill}\"/></g>");
            y += row;
        }
        sb.Append($"<line class=\"axis\" x1=\"{N(zero)}\" x2=\"{N(zero)}\" y1=\"{top}\" y2=\"{N(plotBottom)}\"/>");
        sb.Append($"<text class=\"axis-title\" x=\"{N(plotLeft + plotWidth / 2)}\" y=\"{height - 2}\" text-anchor=\"middle\">{Esc(valueLabel)}</text>");
        return sb.Append("</svg>").ToString();
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
