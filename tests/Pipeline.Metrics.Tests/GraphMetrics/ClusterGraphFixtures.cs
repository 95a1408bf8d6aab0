using System.Runtime.CompilerServices;
using System.Text.Json;
using Pipeline.Metrics.Graphs;
using Xunit;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>
/// The NetworkX cases of tests/fixtures/networkx/graphs.json (written by make_graph_fixtures.py): raw edge lists
/// with parallel, reversed and self-loop edges, and the expected metric values.
/// </summary>
public static class ClusterGraphFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        var candidates = new List<string> { Path.Combine(SourceDirectory(), "..", "..", "fixtures", "networkx", "graphs.json") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "tests", "fixtures", "networkx", "graphs.json"));
        var found = candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("tests/fixtures/networkx/graphs.json not found");
        return JsonDocument.Parse(File.ReadAllText(found)).RootElement;
    });

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static IEnumerable<object[]> CaseNames() => Names("undirected");
    public static IEnumerable<object[]> EstimateNames() => Names("estimates");

    private static IEnumerable<object[]> Names(string section) =>
        Root.Value.GetProperty(section).EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static JsonElement Case(string section, string name) =>
        Root.Value.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>The case's graph built from its raw edge list (weights summed, self-loops dropped by FromEdges).</summary>
    public static UndirectedGraph Graph(JsonElement c)
    {
        var edges = c.GetProperty("edges").EnumerateArray().ToArray();
        var s = new int[edges.Length]; var t = new int[edges.Length]; var w = new double[edges.Length];
        for (int i = 0; i < edges.Length; i++)
        {
            s[i] = edges[i][0].GetInt32();
            t[i] = edges[i][1].GetInt32();
            w[i] = edges[i].GetArrayLength() > 2 ? edges[i][2].GetDouble() : 1.0;
        }
        return UndirectedGraph.FromEdges(c.GetProperty("n").GetInt32(), s, t, w);
    }

    public static double[] Doubles(JsonElement c, string key) =>
        c.GetProperty(key).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();

    public static double Scalar(JsonElement c, string key)
    {
        var e = c.GetProperty(key);
        return e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();
    }

    /// <summary>Equal within relative 1e-9 (absolute 1e-12 near zero); NaN expected means null in the fixture.</summary>
    public static void Close(double expected, double actual, string context)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{context}: expected null (NaN), got {actual:R}"); return; }
        Assert.True(Math.Abs(expected - actual) <= Math.Max(1e-12, 1e-9 * Math.Abs(expected)), $"{context}: expected {expected:R}, got {actual:R}");
    }

    public static void AllClose(double[] expected, ReadOnlySpan<double> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int v = 0; v < expected.Length; v++) Close(expected[v], actual[v], $"{context}[{v}]");
    }
}
