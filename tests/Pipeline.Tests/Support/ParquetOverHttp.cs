using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Tests.Support;

/// <summary>
/// hyparquet (npm) reading a Parquet file straight from a URL — HEAD, then HTTP Range requests — through
/// infra/node/parquet-url-rows.mjs: an independent reader of blobs the way BI tools read them through a SAS URL.
/// The URL (which carries the signature) is never put into exception messages.
/// </summary>
public static class ParquetOverHttp
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        var (code, _, stderr) = ChildProcess.Run("bash", [Repo.Path("infra", "install-node-tools.sh")], TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException($"infra/install-node-tools.sh failed: {stderr}");
        return true;
    });

    /// <param name="url">The file's URL (with a SAS query string for a private container).</param>
    /// <param name="extraCaCertificates">A PEM file of certificates node should trust besides its own (NODE_EXTRA_CA_CERTS).</param>
    public static IReadOnlyList<JsonElement> Rows(string url, string? extraCaCertificates = null)
    {
        _ = Installed.Value;
        var environment = extraCaCertificates is null ? null : new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = extraCaCertificates };
        var (code, stdout, stderr) = ChildProcess.Run("node", [Repo.Path("infra", "node", "parquet-url-rows.mjs"), url], TimeSpan.FromMinutes(2), environment);
        if (code != 0) throw new InvalidOperationException($"parquet-url-rows.mjs failed ({code}): {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
