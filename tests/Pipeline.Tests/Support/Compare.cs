using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Pipeline.Tests.Support;

/// <summary>Compares a row read back from Parquet with an expected row (JSON) column by column.</summary>
public static class Compare
{
    public const double RelativeTolerance = 1e-9;
    public const double AbsoluteTolerance = 1e-12;

    public static void Rows(JsonElement expected, JsonElement actual, string context, IReadOnlySet<string>? skip = null)
    {
        foreach (var p in expected.EnumerateObject())
        {
            if (skip?.Contains(p.Name) == true) continue;
            Assert.True(actual.TryGetProperty(p.Name, out var a), $"{context}: column '{p.Name}' missing from the output");
            Value(p.Value, a, $"{context}.{p.Name}");
        }
    }

    public static void Value(JsonElement expected, JsonElement actual, string context)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{context}: expected null, got {actual}");
            return;
        }
        Assert.False(actual.ValueKind == JsonValueKind.Null, $"{context}: expected {expected}, got null");
        if (expected.ValueKind == JsonValueKind.Number)
        {
            double e = expected.GetDouble();
            double a = actual.ValueKind == JsonValueKind.String
                ? double.Parse(actual.GetString()!, CultureInfo.InvariantCulture)
                : actual.GetDouble();
            Assert.True(Close(e, a), $"{context}: expected {e:R}, got {a:R}");
            return;
        }
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    public static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Abs(expected));
}
