using System.Text.Json;

namespace Pipeline.Metrics.Tests;

/// <summary>Loads tests/fixtures/networkx/graphs.json (written by make_graph_fixtures.py with NetworkX).</summary>
public static class GraphFixtures
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
    {
        // Next to this source file (works whatever the build output folder), else above the test binaries.
        var candidates = new List<string> { Path.Combine(SourceDirectory(), "..", "fixtures", "networkx", "graphs.json") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            candidates.Add(Path.Combine(dir.FullName, "tests", "fixtures", "networkx", "graphs.json"));
        var found = candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("tests/fixtures/networkx/graphs.json not found");
        return JsonDocument.Parse(File.ReadAllText(found));
    });

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static JsonElement Undirected(string name) => Doc.Value.RootElement.GetProperty("undirected").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    public static JsonElement Directed(string name) => Doc.Value.RootElement.GetProperty("directed").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<object[]> UndirectedNames() => Doc.Value.RootElement.GetProperty("undirected").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });
    public static IEnumerable<object[]> DirectedNames() => Doc.Value.RootElement.GetProperty("directed").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    public static void AssertClose(double? expected, double actual, string context)
    {
        if (expected is null) { Xunit.Assert.True(double.IsNaN(actual), $"{context}: expected null (NaN), got {actual:R}"); return; }
        double e = expected.Value;
        Xunit.Assert.True(e == actual || Math.Abs(e - actual) <= Math.Max(1e-12, 1e-9 * Math.Abs(e)), $"{context}: expected {e:R}, got {actual:R}");
    }
}
