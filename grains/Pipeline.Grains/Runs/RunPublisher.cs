using System.Text;
using Pipeline.Storage;

namespace Pipeline.Grains.Runs;

/// <summary>
/// The run-folder lifecycle in the output store: refuse or clear an existing run id, keep <c>_status.json</c>
/// current, publish <c>_manifest.json</c> (conditional create: a run is published once) and then move
/// <c>latest</c> with If-Match on its previous ETag, so concurrent runs never overwrite it blindly.
/// </summary>
public sealed class RunPublisher(IObjectStore output, RunLayout layout)
{
    /// <summary>Throws <see cref="RunExistsException"/> if the run id is taken, unless <paramref name="replace"/>: then removes the manifest first, then everything else.</summary>
    public async Task PrepareAsync(bool replace, CancellationToken ct)
    {
        var existing = new List<string>();
        await foreach (var o in output.ListAsync(layout.Prefix + "/", ct).ConfigureAwait(false)) existing.Add(o.Name);
        if (existing.Count == 0) return;
        bool finished = existing.Contains(layout.Manifest);
        if (!replace)
            throw new RunExistsException(
                $"Run '{layout.RunId}' already exists in {output.DisplayUri} ({(finished ? "finished" : "unfinished")}); a finished run is immutable. " +
                "Use --replace to overwrite it, or choose another --run-id.");
        if (finished) await output.DeleteAsync(layout.Manifest, ct).ConfigureAwait(false);
        foreach (var name in existing)
            if (name != layout.Manifest && name != layout.Status) await output.DeleteAsync(name, ct).ConfigureAwait(false);
        await output.DeleteAsync(layout.Status, ct).ConfigureAwait(false);
    }

    /// <summary>Removes everything under the run's folder (a run withdrawn before it computed anything; never a published one).</summary>
    public async Task RemoveAsync(CancellationToken ct)
    {
        var names = new List<string>();
        await foreach (var o in output.ListAsync(layout.Prefix + "/", ct).ConfigureAwait(false)) names.Add(o.Name);
        if (names.Contains(layout.Manifest)) throw new InvalidOperationException($"run '{layout.RunId}' is published; it is not removed");
        foreach (var name in names) await output.DeleteAsync(name, ct).ConfigureAwait(false);
    }

    /// <summary>Throws unless the run exists and is unfinished (no manifest), so it can be resumed.</summary>
    public async Task EnsureResumableAsync(CancellationToken ct)
    {
        if (await output.GetInfoAsync(layout.Manifest, ct).ConfigureAwait(false) is not null)
            throw new RunExistsException($"Run '{layout.RunId}' in {output.DisplayUri} is finished; there is nothing to resume.");
        if (await output.GetInfoAsync(layout.Status, ct).ConfigureAwait(false) is null)
            throw new ArgumentException($"There is no run '{layout.RunId}' to resume in {output.DisplayUri}.");
    }

    public Task WriteStatusAsync(RunStatus status, CancellationToken ct) =>
        output.WriteAsync(layout.Status, new MemoryStream(RunJson.Serialize(status)), null, ct);

    /// <summary>Writes the manifest (only if absent), then points <c>latest</c> and <c>current.json</c> at this run.</summary>
    public async Task PublishAsync(RunManifest manifest, CancellationToken ct)
    {
        await output.WriteAsync(layout.Manifest, new MemoryStream(RunJson.Serialize(manifest)), WriteCondition.IfNotExists, ct).ConfigureAwait(false);
        await MoveLatestAsync(ct).ConfigureAwait(false);
        await CurrentPointer.UpdateAsync(output, manifest, ct).ConfigureAwait(false); // OUTPUT/current.json for BI tools
    }

    private async Task MoveLatestAsync(CancellationToken ct)
    {
        var content = Encoding.UTF8.GetBytes(layout.RunId + "\n");
        for (int attempt = 1; ; attempt++)
        {
            var current = await output.GetInfoAsync(RunLayout.Latest, ct).ConfigureAwait(false);
            var condition = current is null ? WriteCondition.IfNotExists : WriteCondition.IfMatch(current.ETag);
            try
            {
                await output.WriteAsync(RunLayout.Latest, new MemoryStream(content), condition, ct).ConfigureAwait(false);
                return;
            }
            catch (ObjectConflictException) when (attempt < 5)
            {
                // Another run moved 'latest' between our read and write: read it again and retry on its new ETag.
                await Task.Delay(50 * attempt, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the run id in <c>latest</c>, or null when no run has finished.</summary>
    public static async Task<string?> ReadLatestAsync(IObjectStore output, CancellationToken ct = default)
    {
        if (await output.GetInfoAsync(RunLayout.Latest, ct).ConfigureAwait(false) is null) return null;
        await using var s = await output.OpenReadAsync(RunLayout.Latest, ct).ConfigureAwait(false);
        using var reader = new StreamReader(s);
        return (await reader.ReadToEndAsync(ct).ConfigureAwait(false)).Trim();
    }
}
