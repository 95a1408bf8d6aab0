using System.Text;
using static Pipeline.Client.Report.Svg;

namespace Pipeline.Client.Report;

/// <summary>A point: position, area (e.g. firms), colour category and hover text.</summary>
public sealed record ScatterPoint(double X, double Y, double Size, string Category, string Tooltip);

/// <summary>A scatter plot as inline SVG: linear axes with ticks, circle area proportional to size, a colour legend.</summary>
public static class ScatterChart
{
    public static string Render(string id, IReadOnlyList<ScatterPoint> points, string xLabel, string yLabel, int width = 700, int height = 440)
    {
        const int left = 56, right = 150, top = 12, bottom = 44;
        var sb = new StringBuilder();
        sb.Append($"<svg id=\"{Esc(id)}\" class=\"chart\" role=\"img\" aria-label=\"{Esc(yLabel)} against {Esc(xLabel)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        if (points.Count == 0)
            return sb.Append("<text x=\"10\" y=\"20\" class=\"empty\">no values in this run</text></svg>").ToString();
        double xMin = points.Min(p => p.X), xMax = points.Max(p => p.X), yMin = points.Min(p => p.Y), yMax = points.Max(p => p.Y);
        Pad(ref xMin, ref xMax); Pad(ref yMin, ref yMax);
        double pw = width - left - right, ph = height - top - bottom;
        double X(double v) => left + (v - xMin) / (xMax - xMin) * pw;
        double Y(double v) => top + ph - (v - yMin) / (yMax - yMin) * ph;
        foreach (var t in Ticks(xMin, xMax))
            sb.Append($"<line class=\"grid\" x1=\"{N(X(t))}\" x2=\"{N(X(t))}\" y1=\"{top}\" y2=\"{N(top + ph)}\"/><text class=\"tick\" x=\"{N(X(t))}\" y=\"{N(top + ph + 14)}\" text-anchor=\"middle\">{Esc(V(t))}</text>");
        foreach (var t in Ticks(yMin, yMax))
            sb.Append($"<line class=\"grid\" x1=\"{left}\" x2=\"{N(left + pw)}\" y1=\"{N(Y(t))}\" y2=\"{N(Y(t))}\"/><text class=\"tick\" x=\"{left - 4}\" y=\"{N(Y(t) + 4)}\" text-anchor=\"end\">{Esc(V(t))}</text>");
        sb.Append($"<rect class=\"frame\" x=\"{left}\" y=\"{top}\" width=\"{N(pw)}\" height=\"{N(ph)}\"/>");
        var categories = points.Select(p => p.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        double maxSize = Math.Max(1, points.Max(p => p.Size));
        foreach (var p in points.OrderByDescending(p => p.Size))
        {
            double r = 2.5 + 14 * Math.Sqrt(Math.Max(0, p.Size) / maxSize);
            var color = Palette[categories.IndexOf(p.Category) % Palette.Length];
            sb.Append($"<circle class=\"mark\" cx=\"{N(X(p.X))}\" cy=\"{N(Y(p.Y))}\" r=\"{N(r)}\" fill=\"{color}\" fill-opacity=\"0.65\" stroke=\"{color}\"><title>{Esc(p.Tooltip)}</title></circle>");
        }
        sb.Append($"<text class=\"axis-title\" x=\"{N(left + pw / 2)}\" y=\"{height - 6}\" text-anchor=\"middle\">{Esc(xLabel)}</text>");
        sb.Append($"<text class=\"axis-title\" transform=\"translate(14 {N(top + ph / 2)}) rotate(-90)\" text-anchor=\"middle\">{Esc(yLabel)}</text>");
        for (int i = 0; i < categories.Count; i++)
        {
            double ly = top + 10 + i * 18, lx = left + pw + 16;
            sb.Append($"<circle cx=\"{N(lx)}\" cy=\"{N(ly)}\" r=\"6\" fill=\"{Palette[i % Palette.Length]}\" fill-opacity=\"0.65\"/><text class=\"label\" x=\"{N(lx + 12)}\" y=\"{N(ly + 4)}\">{Esc(categories[i])}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static void Pad(ref double min, ref double max)
    {
        if (max == min) { min -= 0.5; max += 0.5; return; }
        double pad = (max - min) * 0.05;
        min -= pad; max += pad;
    }
}
