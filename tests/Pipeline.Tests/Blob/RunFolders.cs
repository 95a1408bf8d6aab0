using Pipeline.Grains.Runs;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Blob;

/// <summary>Comparisons of two run folders on disk (one written locally, one downloaded from blob storage).</summary>
internal static class RunFolders
{
    public static readonly string[] Tables = ["firm_metrics", "cluster_metrics", "region_metrics", "quarantine", "scenario_metrics"];

    /// <summary>
    /// Every output table has the same rows in the same order, read by DuckDB (an independent Parquet reader), and
    /// the two manifests list the same files, rows and bytes and the same input fingerprint.
    /// </summary>
    public static void AssertSameTables(string expectedRun, string actualRun)
    {
        foreach (var table in Tables)
        {
            var expected = Rows(expectedRun, table);
            var actual = Rows(actualRun, table);
            Assert.True(expected.Count == actual.Count, $"{table}: {expected.Count} rows locally, {actual.Count} from blob storage");
            for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
        }
        Assert.NotEmpty(Rows(expectedRun, "firm_metrics"));

        var e = Manifest(expectedRun);
        var a = Manifest(actualRun);
        Assert.Equal(e.Input.Fingerprint, a.Input.Fingerprint);
        Assert.Equal(e.RowsRead.OrderBy(kv => kv.Key), a.RowsRead.OrderBy(kv => kv.Key));
        Assert.Equal(e.Quarantined.OrderBy(kv => kv.Key), a.Quarantined.OrderBy(kv => kv.Key));
        foreach (var table in Tables)
        {
            Assert.Equal(e.Tables[table].Rows, a.Tables[table].Rows);
            Assert.Equal(e.Tables[table].Files.Select(f => (f.Name, f.Rows, f.Bytes)), a.Tables[table].Files.Select(f => (f.Name, f.Rows, f.Bytes)));
            foreach (var f in a.Tables[table].Files)
                Assert.Equal(f.Bytes, new FileInfo(Path.Combine(actualRun, f.Name)).Length);
        }
    }

    public static RunManifest Manifest(string run) => RunJson.Deserialize<RunManifest>(File.ReadAllBytes(Path.Combine(run, "_manifest.json")))!;

    public static RunStatus Status(string run) => RunJson.Deserialize<RunStatus>(File.ReadAllBytes(Path.Combine(run, "_status.json")))!;

    private static List<string> Rows(string run, string table) =>
        [.. DuckDb.Query($"SELECT * FROM {TableParts.ReadParquet(run, table)}").Select(r => r.GetRawText())];
}

/// <summary>Asserts that no secret appears, raw or URL-encoded, in text a user or an analyst can see.</summary>
internal static class Secrets
{
    public static void AssertAbsent(string where, string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contains a secret");
            Assert.False(text.Contains(Uri.EscapeDataString(secret), StringComparison.OrdinalIgnoreCase), $"{where} contains a URL-encoded secret");
        }
        Assert.DoesNotContain("AccountKey=", text);
        Assert.DoesNotContain("sig=", text);
    }
}
