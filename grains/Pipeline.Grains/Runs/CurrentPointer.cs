using Pipeline.Storage;

namespace Pipeline.Grains.Runs;

/// <summary>The content of <c>OUTPUT/current.json</c>: where the tables of the latest finished run are, for BI tools to bind to once.</summary>
public sealed record CurrentRun
{
    public required string RunId { get; init; }
    public required string SchemaVersion { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public string? Trigger { get; init; }
    /// <summary>Manifest of the run, relative to OUTPUT.</summary>
    public required string Manifest { get; init; }
    /// <summary>Per table: its folder, a glob of its parts (hive-style <c>key=value/</c> folders included) and its files, all relative to OUTPUT.</summary>
    public required SortedDictionary<string, CurrentTable> Tables { get; init; }
}

public sealed record CurrentTable(string Folder, string Glob, IReadOnlyList<string> Files, long Rows);

/// <summary>
/// Keeps <c>OUTPUT/current.json</c> pointing at the run in <c>latest</c>, written right after <c>latest</c> moves. A
/// run writes it only while <c>latest</c> still names it, with If-Match on the ETag read before that check, so when
/// two runs publish at once the pointer ends on the one <c>latest</c> names, never on the other.
/// </summary>
public static class CurrentPointer
{
    public const string Name = "current.json";

    public static CurrentRun For(RunManifest manifest)
    {
        var prefix = new RunLayout(manifest.RunId).Prefix;
        var tables = new SortedDictionary<string, CurrentTable>(StringComparer.Ordinal);
        foreach (var (table, t) in manifest.Tables)
            tables[table] = new CurrentTable($"{prefix}/{table}/", $"{prefix}/{table}/**/*.parquet", [.. t.Files.Select(f => $"{prefix}/{f.Name}")], t.Rows);
        return new CurrentRun
        {
            RunId = manifest.RunId, SchemaVersion = manifest.SchemaVersion, FinishedAt = manifest.FinishedAt, Trigger = manifest.Trigger,
            Manifest = new RunLayout(manifest.RunId).Manifest, Tables = tables,
        };
    }

    /// <summary>Writes the pointer for <paramref name="manifest"/>'s run unless <c>latest</c> names another run by now.</summary>
    public static async Task<bool> UpdateAsync(IObjectStore output, RunManifest manifest, CancellationToken ct)
    {
        var content = RunJson.Serialize(For(manifest));
        for (int attempt = 1; ; attempt++)
        {
            var before = await output.GetInfoAsync(Name, ct).ConfigureAwait(false);
            if (await RunPublisher.ReadLatestAsync(output, ct).ConfigureAwait(false) != manifest.RunId) return false; // a newer run owns the pointer
            try
            {
                await output.WriteAsync(Name, new MemoryStream(content), before is null ? WriteCondition.IfNotExists : WriteCondition.IfMatch(before.ETag), ct).ConfigureAwait(false);
                return true;
            }
            catch (ObjectConflictException) when (attempt < 5)
            {
                await Task.Delay(50 * attempt, ct).ConfigureAwait(false); // another run wrote it meanwhile: look again
            }
        }
    }

    public static async Task<CurrentRun?> ReadAsync(IObjectStore output, CancellationToken ct = default)
    {
        if (await output.GetInfoAsync(Name, ct).ConfigureAwait(false) is null) return null;
        await using var s = await output.OpenReadAsync(Name, ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await s.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return RunJson.Deserialize<CurrentRun>(buffer.ToArray());
    }
}
