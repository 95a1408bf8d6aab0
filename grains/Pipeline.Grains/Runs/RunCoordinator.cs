using System.Diagnostics;
using Pipeline.Grains.Input;
using Pipeline.Grains.Output;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;

namespace Pipeline.Grains.Runs;

/// <summary>
/// Runs the pipeline once, engine-agnostic, in the one direction data flows: locate inputs → prepare the run
/// folder → read and validate (quarantine) → partition → compute units on the engine → aggregate → write
/// Parquet → publish the manifest and <c>latest</c>. On failure <c>_status.json</c> says why and nothing is
/// published.
/// </summary>
public sealed class RunCoordinator(IRunEngine engine, IRunObserver observer)
{
    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct = default)
    {
        request.Settings.Validate();
        var total = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var runId = RunId.Validate(request.RunId ?? RunId.FromStartTime(started));
        var layout = new RunLayout(runId);
        var publisher = new RunPublisher(request.OutputStore, layout);
        var times = new Dictionary<RunStage, TimeSpan>();

        // Fail on a missing or doubled input table before anything is written.
        await InputTables.LocateAsync(request.Input, ct).ConfigureAwait(false);
        if (request.Resume) await publisher.EnsureResumableAsync(ct).ConfigureAwait(false);
        else await publisher.PrepareAsync(request.Replace, ct).ConfigureAwait(false);

        var status = new StatusMirror(observer, publisher, new RunStatus
        {
            RunId = runId, State = RunState.Running, StartedAt = started, UpdatedAt = started, Engine = engine.Name, Stage = "read",
        });
        await publisher.WriteStatusAsync(status.Current, ct).ConfigureAwait(false);
        try
        {
            var read = await Stage(RunStage.Read, $"reading {request.InputDescription ?? request.Input.DisplayUri}",
                () => DatasetReader.ReadAsync(request.Input, null, ct)).ConfigureAwait(false);
            foreach (var t in read.Quarantine.Tables)
                status.Info($"{t.Table}: {t.Read:N0} rows read, {t.Kept:N0} kept, {t.Quarantined:N0} quarantined");

            var input = await Stage(RunStage.Partition, $"{read.Dataset.Clusters.Length:N0} clusters, {read.Dataset.FirmCount:N0} firms, {read.Dataset.Links.Length:N0} links",
                () => Task.FromResult(new PartitionedInput(read.Dataset, request.Settings))).ConfigureAwait(false);

            var results = await Stage(RunStage.Compute, $"{input.Plan.Count:N0} units on the {engine.Name} engine",
                () => engine.ExecuteAsync(input, status, ct)).ConfigureAwait(false);

            var tables = await Stage(RunStage.Aggregate, "joining firm halves, region metrics",
                () => Task.FromResult(AggregationGrain.Compute(read.Dataset.Clusters, input.Country.Regions, results.Clusters, results.Partitions))).ConfigureAwait(false);

            var written = await Stage(RunStage.Write, "Parquet tables", async () =>
            {
                var options = request.Output.ForRun(new Dictionary<string, string>
                {
                    ["pipeline.run_id"] = runId, ["pipeline.schema_version"] = OutputTables.SchemaVersion, ["pipeline.code_version"] = CodeVersion.Current,
                });
                var writer = new ParquetTableWriter(request.OutputStore, layout.Prefix, options, request.Output.RowsPerPart);
                var quarantine = read.Quarantine.Rows.OrderBy(r => r.SourceTable, StringComparer.Ordinal).ThenBy(r => r.RowNumber).ToArray();
                return new[]
                {
                    await writer.WriteAsync(OutputTables.FirmMetrics, tables.Firms, ct).ConfigureAwait(false),
                    await writer.WriteAsync(OutputTables.ClusterMetrics, tables.Clusters, ct).ConfigureAwait(false),
                    await writer.WriteAsync(OutputTables.RegionMetrics, tables.Regions, ct).ConfigureAwait(false),
                    await writer.WriteAsync(OutputTables.Quarantine, quarantine, ct).ConfigureAwait(false),
                };
            }).ConfigureAwait(false);

            var manifest = BuildManifest(request, engine.Name, runId, started, read, input, results, written);
            await Stage(RunStage.Publish, $"_manifest.json and latest for run {runId}",
                async () => { await publisher.PublishAsync(manifest, ct).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
            await status.WriteFinalAsync(status.Current with { State = RunState.Finished, Stage = "done", UpdatedAt = DateTimeOffset.UtcNow }).ConfigureAwait(false);
            return new RunResult(runId, manifest, tables, read.Quarantine, times, total.Elapsed);
        }
        catch (Exception e)
        {
            try
            {
                await status.WriteFinalAsync(status.Current with { State = RunState.Failed, Error = e.Message, UpdatedAt = DateTimeOffset.UtcNow }).ConfigureAwait(false);
            }
            catch (Exception statusError)
            {
                observer.Info($"could not record the failure in _status.json: {statusError.Message}");
            }
            throw;
        }

        async Task<T> Stage<T>(RunStage stage, string detail, Func<Task<T>> body)
        {
            var sw = Stopwatch.StartNew();
            status.StageStarted(stage, detail);
            var result = await body().ConfigureAwait(false);
            times[stage] = sw.Elapsed;
            status.StageFinished(stage, sw.Elapsed);
            return result;
        }
    }

    private static RunManifest BuildManifest(RunRequest request, string engineName, string runId, DateTimeOffset started, InputReadResult read,
        PartitionedInput input, UnitResults results, IReadOnlyList<TableWriteResult> written)
    {
        var s = request.Settings;
        var estimated = results.Clusters
            .Where(c => !c.Betweenness.Exact)
            .Select(c => new EstimatedBetweenness(c.Row.ClusterId, (int)c.Row.Firms, c.Betweenness.Pivots, c.Betweenness.Seed))
            .OrderBy(e => e.ClusterId, StringComparer.Ordinal)
            .ToList();
        return new RunManifest
        {
            RunId = runId,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            Input = new ManifestInput(request.InputDescription ?? read.Fingerprint.Uri, read.Fingerprint.Sha256, read.Fingerprint.Files),
            CodeVersion = CodeVersion.Current,
            SchemaVersion = OutputTables.SchemaVersion,
            Engine = engineName,
            RowsRead = new(read.Quarantine.Tables.ToDictionary(t => t.Table, t => t.Read), StringComparer.Ordinal),
            Quarantined = new(read.Quarantine.Tables.ToDictionary(t => t.Table, t => t.Quarantined), StringComparer.Ordinal),
            QuarantinedByReason = new(read.Quarantine.Tables.ToDictionary(t => t.Table, t => t.ByReason), StringComparer.Ordinal),
            Tables = new(written.ToDictionary(w => w.Table, w => new ManifestTable(w.Files, w.Rows, w.Bytes)), StringComparer.Ordinal),
            PendingColumns = [],
            BetweennessEstimated = estimated,
            Settings = new ManifestSettings(s.BetweennessExactMaxFirms, s.BetweennessPivots, s.BetweennessSeed,
                s.ShockStart, s.ShockEnd, s.RecoveryEnd, input.Context.AsOfYear, input.Country.PartitionFirms.Length),
        };
    }
}
