using System.Globalization;
using System.Net;

namespace Pipeline.Client.Report;

/// <summary>Text helpers for inline SVG/HTML: escaping and invariant number formats.</summary>
public static class Svg
{
    public static string Esc(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A coordinate with two decimals, invariant culture.</summary>
    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A value for people: 3 significant decimals, or "–" for null.</summary>
    public static string V(double? v) => v is { } x ? (Math.Abs(x) < 1e-12 ? 0 : x).ToString(Math.Abs(x) >= 100 ? "#,0" : "0.###", CultureInfo.InvariantCulture) : "–";

    public static string Count(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"Nice" tick values covering [min, max] (1, 2, 5 × 10^k steps).</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int target = 5)
    {
        if (!(max > min)) return [min];
        double raw = (max - min) / target, mag = Math.Pow(10, Math.Floor(Math.Log10(raw))), normalized = raw / mag;
        double step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * mag; // the smallest nice step ≥ raw
        var ticks = new List<double>();
        for (long k = (long)Math.Ceiling(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.Add(k == 0 ? 0 : k * step);
        return ticks;
    }

    /// <summary>Categorical colours: Okabe–Ito, then Tol's muted (colour-blind safe); repeats after 12.</summary>
    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#882255", "#44AA99", "#999933", "#AA4499"];
}
