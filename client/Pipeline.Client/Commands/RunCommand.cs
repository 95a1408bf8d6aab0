using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Pipeline.Client.Cli;
using Pipeline.Client.Cluster;
using Pipeline.Client.Configuration;
using Pipeline.Client.Console;
using Pipeline.Client.Telemetry;
using Pipeline.Generator;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Orleans.Runs;
using Pipeline.Orleans.Work;
using Pipeline.Storage;
using Spectre.Console;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>run [--input DIR_OR_URI] [--output DIR_OR_URI] [--run-id ID] [--replace] [--cluster [ID]] [--detach]</c>: submits a
/// run to the run's coordinator grain and follows it. Without <c>--cluster</c> the grains run on a silo hosted in
/// this process (the embedded default); with it, on the Orleans cluster named by configuration. Without
/// <c>--input</c> it generates the seeded sample data set in a temporary folder and runs on it.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "Input folder or blob URI with clusters, firms, links (and optional firm_years) tables; default: a generated sample" };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder or blob URI (default ./out, or Run:Output in appsettings.json)" };
        var runId = new Option<string?>("--run-id") { Description = "Run id [A-Za-z0-9._-]{1,64}; default: the UTC start time, e.g. 20261122T020000Z" };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing run with the same id (removes its manifest, then its parts)" };
        var preset = new Option<string>("--preset") { Description = "Generated data set when --input is not given: sample or region", DefaultValueFactory = _ => "sample" };
        preset.AcceptOnlyFromAmong("sample", "region", "national");
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the generated data set (default 42)" };
        var shock = new Option<string?>("--shock") { Description = "Shock period START:END for resistance (default 2008:2009)" };
        var recovery = new Option<string?>("--recovery") { Description = "Recovery period START:END for recovery (default 2009:2012)" };
        var asOf = new Option<int?>("--as-of") { Description = "Reference year for firm age and entry rate (default: latest firm_years year, else latest founded_year)" };
        var scenarios = new Option<string?>("--scenarios") { Description = "JSON file of user shock scenarios, [{\"name\": \"…\", \"firms\": [id, …]}], added to scenario_metrics beside the built-in ones", HelpName = "FILE" };
        var parallelism = new Option<int?>("--parallelism") { Description = "Unit worker threads of the embedded silo (default: all cores)" };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines even on a terminal" };
        var trigger = new Option<string>("--trigger") { Description = "What started the run, recorded in _status.json and _manifest.json", DefaultValueFactory = _ => RunTriggers.Manual, Hidden = true };
        var cluster = new Option<string?>("--cluster") { Description = "Run on the Orleans cluster (id: Cluster:ClusterId, default pipeline) that AZURE_STORAGE_CONNECTION_STRING names, instead of an embedded silo", Arity = ArgumentArity.ZeroOrOne, HelpName = "ID" };
        var detach = new Option<bool>("--detach") { Description = "With --cluster: return once the run is accepted, printing its id (follow it with `pipeline status RUN_ID`)" };
        var cancelOnExit = new Option<bool>("--cancel-on-exit") { Description = "With --cluster: Ctrl+C cancels the run instead of leaving it running in the cluster" };
        var resume = new Option<string?>("--resume") { Description = "Finish the unfinished run RUN_ID (on a cluster, units with stored outputs are not redone)", HelpName = "RUN_ID" };

        var command = new Command("run", "Compute every metric for a data set and write Parquet tables under OUTPUT/runs/RUN_ID/")
            { input, output, runId, replace, preset, seed, shock, recovery, asOf, scenarios, parallelism, plain, trigger, cluster, detach, cancelOnExit, resume };
        GroupedHelp.Set(command,
            new("Input/output", [input, output, runId, replace, resume, preset, seed]),
            new("Metrics", [shock, recovery, asOf, scenarios]),
            new("Parquet (settings, not options: appsettings.json or PIPELINE_Parquet__NAME)", [], ParquetSettings),
            new("Cluster", [cluster, detach, cancelOnExit, parallelism]),
            new("Display", [plain]));
        command.SetAction(async (parse, outer) =>
        {
            using var signals = new TerminationSignals(outer);   // first Ctrl+C / SIGTERM: cancel (embedded) or detach (cluster)
            try
            {
                var config = PipelineConfiguration.Load(new Dictionary<string, string?>
                {
                    ["Run:Output"] = parse.GetValue(output),
                    ["Run:Parallelism"] = parse.GetValue(parallelism)?.ToString(),
                    ["Run:SampleSeed"] = parse.GetValue(seed)?.ToString(),
                    ["Metrics:Shock"] = parse.GetValue(shock),
                    ["Metrics:Recovery"] = parse.GetValue(recovery),
                    ["Metrics:AsOf"] = parse.GetValue(asOf)?.ToString(),
                    ["Metrics:ScenariosFile"] = parse.GetValue(scenarios),
                });
                config.Metrics(); // a bad --scenarios file (or setting) is a bad argument before anything is started
                var target = parse.GetResult(cluster) is not null ? new RunTarget(true, parse.GetValue(cluster), parse.GetValue(detach), parse.GetValue(cancelOnExit)) : RunTarget.Embedded;
                if (!target.Cluster && (parse.GetValue(detach) || parse.GetValue(cancelOnExit)))
                    throw new ArgumentException("--detach and --cancel-on-exit need --cluster (an embedded run ends with this process).");
                return await RunAsync(config, parse.GetValue(input), parse.GetValue(resume) ?? parse.GetValue(runId), parse.GetValue(replace), parse.GetValue(preset)!,
                    parse.GetValue(plain), target, signals.Token, parse.GetValue(trigger)!, resume: parse.GetValue(resume) is not null);
            }
            catch (ArgumentException e)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static readonly (string, string)[] ParquetSettings =
    [
        ("Parquet:Codec", "snappy (default), gzip, zstd, uncompressed"),
        ("Parquet:RowGroupRows", "Rows per row group (default 1000000)"),
        ("Parquet:DataPageVersion", "1 (default, read by every tool) or 2"),
    ];

    /// <summary>Where a run goes: the embedded silo, or a cluster (its id; detach at once; Ctrl+C cancels instead of detaching).</summary>
    public sealed record RunTarget(bool Cluster, string? ClusterId, bool Detach, bool CancelOnExit)
    {
        public static readonly RunTarget Embedded = new(false, null, false, false);
    }

    public static async Task<int> RunAsync(PipelineConfiguration config, string? input, string? runId, bool replace, string preset, bool plain, RunTarget target,
        CancellationToken ct, string trigger = RunTriggers.Manual, bool resume = false)
    {
        using var ownTelemetry = TelemetrySession.Current is null ? TelemetrySession.Start() : null; // OTLP export only when OTEL_* says so
        var log = TelemetrySession.Current!.RunLogger;
        var settings = config.Metrics();
        var format = config.OutputFormat();
        var outputLocation = RunLocations.ForSilos(config.Output, target.Cluster);
        runId = RunId.Validate(runId ?? RunId.FromStartTime(DateTimeOffset.UtcNow));
        string? generated = null;
        string? inputDescription = null;
        string settingsJson = Encoding.UTF8.GetString(RunJson.Serialize(settings)), formatJson = Encoding.UTF8.GetString(RunJson.Serialize(format));
        try
        {
            try { ObjectStores.Open(config.Output, config.BlobOptions()); }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                // A malformed location or missing/malformed credentials (messages never carry secret values).
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            if (resume)
            {
                var record = await ReadSubmissionRecordAsync(ObjectStores.Open(config.Output, config.BlobOptions()), runId, ct);
                (input, inputDescription, settingsJson, formatJson) = (record.Input, record.InputDescription, record.SettingsJson, record.OutputOptionsJson);
            }
            else if (input is null)
            {
                var seed = config.SampleSeed;
                generated = Path.Combine(Path.GetTempPath(), $"pipeline-{preset}-{seed}-{Guid.NewGuid():N}");
                var report = DatasetGenerator.Generate(new GeneratorOptions(GenerateCommand.ParsePreset(preset), seed), generated, null, ct);
                input = generated;
                inputDescription = $"generated:{preset}?seed={seed}";
                System.Console.WriteLine($"No --input: generated the {preset} data set (seed {seed}): {report.Clusters:N0} clusters, {report.Firms:N0} firms, {report.Links:N0} links.");
                if (target.Cluster) generated = null; // the cluster reads it after this process may have gone: left in the temporary folder
            }
            ObjectStores.Open(input, config.BlobOptions()); // a malformed input location is a bad argument here, not in the cluster

            using var span = PipelineTelemetry.Source.StartActivity("pipeline.client.run", ActivityKind.Client);
            var submission = new RunSubmission(RunLocations.ForSilos(input, target.Cluster), outputLocation, runId, replace, resume, settingsJson, formatJson,
                inputDescription, trigger, TraceParents.Of(span));

            await using var connection = target.Cluster
                ? await PipelineConnection.ConnectAsync(config, target.ClusterId, ct)
                : await PipelineConnection.StartEmbeddedAsync(config, ct);
            var run = connection.Grains.GetGrain<IRunGrain>(RunKeys.Of(runId, outputLocation));
            var accepted = await run.Submit(submission);
            if (target.Detach)
            {
                System.Console.WriteLine($"run {runId} accepted by the cluster; follow it with: pipeline status {runId} --output <the same output>");
                System.Console.WriteLine(runId);
                return ExitCodes.Ok;
            }

            var following = new CancellationTokenSource();
            await using var onSignal = ct.Register(() => following.Cancel());
            bool live = !plain && !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            if (System.Console.IsOutputRedirected) AnsiConsole.Profile.Capabilities.Ansi = false; // no colour codes in logs
            FollowResult result;
            try
            {
                if (live)
                {
                    FollowResult? r = null;
                    await AnsiConsole.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                        .StartAsync(async ctx => { r = await RunFollower.FollowAsync(run, accepted, new LoggingRunObserver(new LiveRunObserver(ctx), log), following.Token); });
                    result = r!;
                }
                else
                {
                    result = await RunFollower.FollowAsync(run, accepted, new LoggingRunObserver(new PlainRunObserver(System.Console.Out), log), following.Token);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                if (target.Cluster && !target.CancelOnExit)
                {
                    await System.Console.Error.WriteLineAsync($"detached: run {runId} goes on in the cluster; follow it with `pipeline status {runId}`, stop it with `pipeline cancel {runId} --cluster`.");
                    return ExitCodes.Cancelled;
                }
                await run.Cancel();
                result = await RunFollower.FollowAsync(run, await run.GetProgress(int.MaxValue), NullRunObserver.Instance, CancellationToken.None);
            }

            if (result.ExitCode == ExitCodes.Ok)
            {
                RunSummary.Print(AnsiConsole.Console, result.Highlights!, ObjectStores.Open(config.Output, config.BlobOptions()).DisplayUri); // no SAS token
                return ExitCodes.Ok;
            }
            await ReportFailureAsync(result, runId, target);
            return result.ExitCode;
        }
        catch (ClusterUnavailableException e)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await System.Console.Error.WriteLineAsync("cancelled before the run was submitted; nothing was written.");
            return ExitCodes.Cancelled;
        }
        finally
        {
            if (generated is not null && Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
        }
    }

    private static async Task ReportFailureAsync(FollowResult result, string runId, RunTarget target)
    {
        var p = result.Last;
        switch (p.Failure)
        {
            case RunFailure.BadInput:
            case RunFailure.RunExists:
                await System.Console.Error.WriteLineAsync($"error: {p.Error}");
                return;
            case RunFailure.Cancelled:
                await System.Console.Error.WriteLineAsync("cancelled: the run stopped before it finished; nothing was published.");
                if (p.StatusRecorded)
                    await System.Console.Error.WriteLineAsync(target.Cluster
                        ? $"_status.json records it; finish it with: pipeline run --resume {runId} --cluster --output <the same output>"   // the output may carry a SAS: never echoed
                        : "_status.json in the run folder records it; run again (with --replace and the same --run-id) to redo it.");
                return;
            default:
                await System.Console.Error.WriteLineAsync($"error: the run failed: {p.Error}");
                await System.Console.Error.WriteLineAsync(p.StatusRecorded
                    ? "Nothing was published; _status.json in the run folder records the failure."
                    : "Nothing was published (the failure came before _status.json could be written).");
                return;
        }
    }

    /// <summary>Reads run <paramref name="runId"/>'s submission record, or throws a clear <see cref="ArgumentException"/>.</summary>
    private static async Task<SubmissionRecord> ReadSubmissionRecordAsync(IObjectStore output, string runId, CancellationToken ct)
    {
        var name = new WorkLayout(runId).Submission;
        if (await output.GetInfoAsync(name, ct) is null)
            throw new ArgumentException($"Run '{runId}' in {output.DisplayUri} cannot be resumed: it has no {name} (finished, never started, or it failed before its units were staged).");
        await using var s = await output.OpenReadAsync(name, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return RunJson.Deserialize<SubmissionRecord>(ms.ToArray()) ?? throw new ArgumentException($"{name} is empty.");
    }
}
