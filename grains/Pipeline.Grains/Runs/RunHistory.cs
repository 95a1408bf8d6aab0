using Pipeline.Storage;

namespace Pipeline.Grains.Runs;

/// <summary>One run as listed by <c>pipeline runs</c>.</summary>
public sealed record RunHistoryEntry(string RunId, string State, string? Trigger, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    long? RowsRead, long? Quarantined, string? Error, string? Engine);

/// <summary>
/// The run history, read only from the output store (so it survives restarts of any scheduler): every folder
/// <c>runs/RUN_ID/</c>, its <c>_manifest.json</c> (present = finished; rows read and quarantined summed over the
/// input tables) and its <c>_status.json</c> (state, trigger, error; the end of a failed run is its last update).
/// A folder with neither file is listed as <c>unknown</c>. Newest first.
/// </summary>
public static class RunHistory
{
    public static async Task<IReadOnlyList<RunHistoryEntry>> ListAsync(IObjectStore output, CancellationToken ct = default)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var o in output.ListAsync(RunLayout.RunsFolder + "/", ct).ConfigureAwait(false))
        {
            var rest = o.Name[(RunLayout.RunsFolder.Length + 1)..];
            int slash = rest.IndexOf('/');
            if (slash > 0) ids.Add(rest[..slash]);
        }
        var entries = new List<RunHistoryEntry>(ids.Count);
        foreach (var id in ids)
        {
            var layout = new RunLayout(id);
            var status = await ReadAsync<RunStatus>(output, layout.Status, ct).ConfigureAwait(false);
            var manifest = await ReadAsync<RunManifest>(output, layout.Manifest, ct).ConfigureAwait(false);
            if (manifest is not null)
                entries.Add(new RunHistoryEntry(id, "finished", manifest.Trigger ?? status?.Trigger, manifest.StartedAt, manifest.FinishedAt,
                    manifest.RowsRead.Values.Sum(), manifest.Quarantined.Values.Sum(), null, manifest.Engine));
            else if (status is not null)
                entries.Add(new RunHistoryEntry(id, status.State.ToString().ToLowerInvariant(), status.Trigger, status.StartedAt,
                    status.State == RunState.Running ? null : status.UpdatedAt, null, null, status.Error, status.Engine));
            else
                entries.Add(new RunHistoryEntry(id, "unknown", null, null, null, null, null, null, null));
        }
        return [.. entries.OrderByDescending(e => e.StartedAt ?? DateTimeOffset.MinValue).ThenByDescending(e => e.RunId, StringComparer.Ordinal)];
    }

    private static async Task<T?> ReadAsync<T>(IObjectStore store, string name, CancellationToken ct) where T : class
    {
        if (await store.GetInfoAsync(name, ct).ConfigureAwait(false) is null) return null;
        try
        {
            await using var s = await store.OpenReadAsync(name, ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer, ct).ConfigureAwait(false);
            return RunJson.Deserialize<T>(buffer.ToArray());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ObjectNotFoundException)
        {
            return null; // unreadable or removed meanwhile: listed from the other file, or as unknown
        }
    }
}
