using System.Diagnostics;
using Pipeline.Grains.Input;
using Pipeline.Grains.Output;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Telemetry;
using Pipeline.Grains.Units;

namespace Pipeline.Grains.Runs;

/// <summary>
/// Runs the pipeline once, engine-agnostic, in the one direction data flows: locate inputs → prepare the run
/// folder → read and validate (quarantine) → partition → compute units on the engine → aggregate and write the
/// metric tables on the engine → write the quarantine table → publish the manifest and <c>latest</c>. On failure
/// <c>_status.json</c> says why and nothing is published.
/// </summary>
public sealed class RunCoordinator(IRunEngine engine, IRunObserver observer)
{
    /// <summary>Set (to true) in the <see cref="Exception.Data"/> of a failed run's exception once _status.json records the failure.</summary>
    public const string StatusRecordedKey = "pipeline.status_recorded";

    /// <summary>Set in the <see cref="Exception.Data"/> of a run taken back before it computed anything: its folder was removed, no status is written.</summary>
    private const string WithdrawnKey = "pipeline.withdrawn";

    /// <summary>The error _status.json records for a run cancelled by its caller (Ctrl+C, SIGTERM).</summary>
    public const string CancelledError = "cancelled before it finished (Ctrl+C, SIGINT, SIGTERM or `pipeline cancel`); nothing was published";

    /// <summary>Runs once inside a <c>pipeline.run</c> span (see <see cref="PipelineTelemetry"/>), failed if the run fails.</summary>
    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken ct = default)
    {
        request.Settings.Validate();
        var started = DateTimeOffset.UtcNow;
        var runId = RunId.Validate(request.RunId ?? RunId.FromStartTime(started));
        using var runSpan = PipelineTelemetry.StartRun(runId, engine.Name, request.Trigger);
        try
        {
            var result = await RunCoreAsync(request, runId, started, runSpan, new TelemetryRunObserver(observer, engine.Name), ct).ConfigureAwait(false);
            PipelineTelemetry.Runs.Add(1, new(PipelineTelemetry.TriggerKey, request.Trigger), new("state", "finished"));
            return result;
        }
        catch (Exception e)
        {
            PipelineTelemetry.Fail(runSpan, e);
            PipelineTelemetry.Runs.Add(1, new(PipelineTelemetry.TriggerKey, request.Trigger), new("state", "failed"));
            throw;
        }
    }

    private async Task<RunResult> RunCoreAsync(RunRequest request, string runId, DateTimeOffset started, Activity? runSpan, TelemetryRunObserver telemetry, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var layout = new RunLayout(runId);
        var publisher = new RunPublisher(request.OutputStore, layout);
        var times = new Dictionary<RunStage, TimeSpan>();

        // Fail on a missing or doubled input table before anything is written.
        await InputTables.LocateAsync(request.Input, ct).ConfigureAwait(false);
        if (request.Resume) await publisher.EnsureResumableAsync(ct).ConfigureAwait(false);
        else await publisher.PrepareAsync(request.Replace, ct).ConfigureAwait(false);

        var status = new StatusMirror(telemetry, publisher, new RunStatus
        {
            RunId = runId, State = RunState.Running, StartedAt = started, UpdatedAt = started, Engine = engine.Name, Stage = "read",
            Trigger = request.Trigger, TraceId = runSpan?.TraceId.ToHexString(),
        });
        await publisher.WriteStatusAsync(status.Current, ct).ConfigureAwait(false);
        try
        {
            var read = await Stage(RunStage.Read, $"reading {request.InputDescription ?? request.Input.DisplayUri}",
                () => DatasetReader.ReadAsync(request.Input, null, ct)).ConfigureAwait(false);
            foreach (var t in read.Quarantine.Tables)
                status.Info($"{t.Table}: {t.Read:N0} rows read, {t.Kept:N0} kept, {t.Quarantined:N0} quarantined");
            if (request.Settings.UserScenarios.Count > 0)
            {
                try { ScenarioFile.CheckFirms(request.Settings.UserScenarios, FirmIds(read.Dataset)); }
                catch (ScenarioFileException e) when (!request.Resume)
                {
                    // A bad argument writes nothing, not even a failed _status.json (a resumed run keeps its folder).
                    await status.WithdrawAsync().ConfigureAwait(false);
                    e.Data[WithdrawnKey] = true;
                    throw;
                }
            }

            var input = await Stage(RunStage.Partition, $"{read.Dataset.Clusters.Length:N0} clusters, {read.Dataset.FirmCount:N0} firms, {read.Dataset.Links.Length:N0} links",
                () => Task.FromResult(new PartitionedInput(read.Dataset, request.Settings))).ConfigureAwait(false);
            // The partitioned input keeps the data set without its panel: let the panel and the partitioning's
            // transients go before the units run, so the compute stage starts from the live data only.
            read = read with { Dataset = input.Data };
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            if (MemoryTrace.Enabled) status.Info(MemoryTrace.Snapshot("letting the panel go"));

            var units = await Stage(RunStage.Compute, $"{input.Plan.Count:N0} units on the {engine.Name} engine",
                () => engine.ExecuteAsync(input, read.Fingerprint.Sha256, status, ct)).ConfigureAwait(false);

            // From here on only the clusters, the region index and two numbers of the input are needed (the unit
            // outputs stay with the engine): drop the data set and the country-wide graphs (about 5 GB at national
            // scale) before the aggregation allocates the joined firm rows, and compact once so that their memory is reused.
            var aggregation = new AggregationInput(runId, read.Dataset.Clusters, input.Country.Regions, request.Output, request.Settings.WritesScenarios);
            var shape = new InputShape(input.Context.AsOfYear, input.Country.PartitionFirms.Length);
            read = read with { Dataset = null! };
            input = null!;
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true); // aggressive: also gives the freed memory back to the OS
            if (MemoryTrace.Enabled) status.Info(MemoryTrace.Snapshot("dropping the data set"));

            // The engine aggregates where the unit outputs are and writes the metric tables from there.
            var aggregated = await Stage(RunStage.Aggregate, "joining firm halves, region metrics, writing the metric tables",
                () => engine.AggregateAsync(units, aggregation, request.OutputStore, status, ct)).ConfigureAwait(false);
            status.Info($"metric tables computed in {aggregated.ComputeSeconds:F1} s and written in {aggregated.WriteSeconds:F1} s");
            if (request.Settings.WritesScenarios) ReportScenarioTime(aggregated, status);

            var written = await Stage(RunStage.Write, "quarantine table", async () =>
            {
                var writer = MetricTableSet.Writer(request.OutputStore, runId, request.Output);
                var quarantine = read.Quarantine.Rows.OrderBy(r => r.SourceTable, StringComparer.Ordinal).ThenBy(r => r.RowNumber).ToArray();
                return aggregated.Written.Append(await writer.WriteAsync(OutputTables.Quarantine, quarantine, ct).ConfigureAwait(false)).ToArray();
            }).ConfigureAwait(false);

            foreach (var w in written) PipelineTelemetry.BytesWritten.Add(w.Bytes, new KeyValuePair<string, object?>(PipelineTelemetry.TableKey, w.Table));
            long firms = written.Single(w => w.Table == OutputTables.FirmMetrics.Name).Rows;
            if (times[RunStage.Compute].TotalSeconds > 0)
                PipelineTelemetry.FirmsPerSecond.Record(firms / times[RunStage.Compute].TotalSeconds, new KeyValuePair<string, object?>(PipelineTelemetry.EngineKey, engine.Name));
            var manifest = BuildManifest(request, engine.Name, runId, started, read, shape, aggregated.BetweennessEstimated, written) with { Trigger = request.Trigger, TraceId = runSpan?.TraceId.ToHexString() };
            await Stage(RunStage.Publish, $"_manifest.json and latest for run {runId}",
                async () => { await publisher.PublishAsync(manifest, ct).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
            await status.WriteFinalAsync(status.Current with { State = RunState.Finished, Stage = "done", UpdatedAt = DateTimeOffset.UtcNow }).ConfigureAwait(false);
            return new RunResult(runId, manifest, aggregated.Highlights, read.Quarantine, times, total.Elapsed);
        }
        catch (Exception e) when (e.Data[WithdrawnKey] is not true)
        {
            try
            {
                var error = e is OperationCanceledException && ct.IsCancellationRequested ? CancelledError : e.Message;
                await status.WriteFinalAsync(status.Current with { State = RunState.Failed, Error = error, UpdatedAt = DateTimeOffset.UtcNow }).ConfigureAwait(false);
                e.Data[StatusRecordedKey] = true;
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
            using var span = PipelineTelemetry.StartStage(stage);
            telemetry.StageContext = span?.Context ?? default;
            try
            {
                status.StageStarted(stage, detail);
                var result = await body().ConfigureAwait(false);
                times[stage] = sw.Elapsed;
                PipelineTelemetry.StageDuration.Record(sw.Elapsed.TotalSeconds, new KeyValuePair<string, object?>(PipelineTelemetry.StageKey, PipelineTelemetry.StageName(stage)));
                status.StageFinished(stage, sw.Elapsed);
                if (MemoryTrace.Enabled) status.Info(MemoryTrace.Snapshot(PipelineTelemetry.StageName(stage)));
                return result;
            }
            catch (Exception e)
            {
                PipelineTelemetry.Fail(span, e);
                throw;
            }
        }
    }

    /// <summary>The firm ids of the data set, ascending (its firms are sorted by firm_id).</summary>
    private static long[] FirmIds(Model.Dataset data)
    {
        var ids = new long[data.FirmCount];
        for (int i = 0; i < ids.Length; i++) ids[i] = data.Firms[i].FirmId;
        return ids;
    }

    /// <summary>
    /// The scenario rows' share of the compute stage, as a line of its own (<c>bench/national.sh</c> prints it): the
    /// wall time the cluster units spent on them, summed over units (CPU-seconds of unit workers), and the rows.
    /// </summary>
    private static void ReportScenarioTime(AggregationOutcome aggregated, IRunObserver status) =>
        status.Info(aggregated.ScenarioSeconds > 0
            ? $"scenarios: {aggregated.ScenarioSeconds:F2} s summed over cluster units, {aggregated.ScenarioRows:N0} rows"
            : $"scenarios: {aggregated.ScenarioRows:N0} rows (their time stays on the silos that computed them)"); // outputs read back from a stored work store carry no timing

    private static RunManifest BuildManifest(RunRequest request, string engineName, string runId, DateTimeOffset started, InputReadResult read,
        InputShape shape, IReadOnlyList<EstimatedBetweenness> estimated, IReadOnlyList<TableWriteResult> written)
    {
        var s = request.Settings;
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
                s.ShockStart, s.ShockEnd, s.RecoveryEnd, shape.AsOfYear, shape.FirmPartitions),
            Scenarios = s.WritesScenarios ? new ManifestScenarios(s.Scenarios ? ScenarioNames.BuiltIn : [], s.UserScenarios) : null,
        };
    }
}

/// <summary>What the manifest needs of the partitioned input once the input itself has been let go.</summary>
internal readonly record struct InputShape(int? AsOfYear, int FirmPartitions);
