using System.CommandLine;
using Pipeline.Client.Configuration;
using Pipeline.Client.Console;
using Pipeline.Client.Telemetry;
using Pipeline.Generator;
using Pipeline.Grains.Input;
using Pipeline.Grains.Runs;
using Pipeline.Silo.Engines;
using Pipeline.Storage;
using Spectre.Console;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>run [--input DIR_OR_URI] [--output DIR_OR_URI] [--run-id ID] [--replace]</c>: the embedded default. Without
/// <c>--input</c> it generates the seeded sample data set in a temporary folder and runs on it.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var input = new Option<string?>("--input") { Description = "Input folder or blob URI with clusters, firms, links (and optional firm_years) tables; default: a generated sample" };
        var output = new Option<string?>("--output") { Description = "Output folder or blob URI (default ./out, or Run:Output in appsettings.json)" };
        var runId = new Option<string?>("--run-id") { Description = "Run id [A-Za-z0-9._-]{1,64}; default: the UTC start time, e.g. 20261122T020000Z" };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing run with the same id (removes its manifest, then its parts)" };
        var preset = new Option<string>("--preset") { Description = "Generated data set when --input is not given: sample or region", DefaultValueFactory = _ => "sample" };
        preset.AcceptOnlyFromAmong("sample", "region", "national");
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the generated data set (default 42)" };
        var shock = new Option<string?>("--shock") { Description = "Shock period START:END for resistance (default 2008:2009)" };
        var recovery = new Option<string?>("--recovery") { Description = "Recovery period START:END for recovery (default 2009:2012)" };
        var asOf = new Option<int?>("--as-of") { Description = "Reference year for firm age and entry rate (default: latest firm_years year, else latest founded_year)" };
        var parallelism = new Option<int?>("--parallelism") { Description = "Worker threads (default: all cores)" };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines even on a terminal" };
        var trigger = new Option<string>("--trigger") { Description = "What started the run, recorded in _status.json and _manifest.json", DefaultValueFactory = _ => RunTriggers.Manual, Hidden = true };
        var engine = new Option<string?>("--engine") { Description = "Where units run: in-process (default) or rabbitmq (silos started with `silo --broker …`)" };
        engine.AcceptOnlyFromAmong("in-process", "rabbitmq");
        var broker = new Option<string?>("--broker") { Description = "RabbitMQ broker amqp://user:pass@host:port/vhost for --engine rabbitmq (default PIPELINE_BROKER)" };
        var resume = new Option<string?>("--resume") { Description = "Finish the unfinished distributed run RUN_ID (units with outputs are not redone)" };

        var command = new Command("run", "Compute every metric for a data set and write Parquet tables under OUTPUT/runs/RUN_ID/")
            { input, output, runId, replace, preset, seed, shock, recovery, asOf, parallelism, plain, trigger, engine, broker, resume };
        command.SetAction(async (parse, outer) =>
        {
            using var signals = new TerminationSignals(outer);   // first Ctrl+C / SIGTERM: stop between units and record it
            var ct = signals.Token;
            PipelineConfiguration config;
            try
            {
                config = PipelineConfiguration.Load(new Dictionary<string, string?>
                {
                    ["Run:Output"] = parse.GetValue(output),
                    ["Run:Parallelism"] = parse.GetValue(parallelism)?.ToString(),
                    ["Run:SampleSeed"] = parse.GetValue(seed)?.ToString(),
                    ["Metrics:Shock"] = parse.GetValue(shock),
                    ["Metrics:Recovery"] = parse.GetValue(recovery),
                    ["Metrics:AsOf"] = parse.GetValue(asOf)?.ToString(),
                    ["Run:Engine"] = parse.GetValue(resume) is not null ? "rabbitmq" : parse.GetValue(engine),
                    ["Broker:Uri"] = parse.GetValue(broker),
                });
                return await RunAsync(config, parse.GetValue(input), parse.GetValue(resume) ?? parse.GetValue(runId), parse.GetValue(replace), parse.GetValue(preset)!, parse.GetValue(plain), ct,
                    parse.GetValue(trigger)!, resume: parse.GetValue(resume) is not null);
            }
            catch (ArgumentException e)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(PipelineConfiguration config, string? input, string? runId, bool replace, string preset, bool plain, CancellationToken ct,
        string trigger = RunTriggers.Manual, bool resume = false)
    {
        using var ownTelemetry = TelemetrySession.Current is null ? TelemetrySession.Start() : null; // OTLP export only when OTEL_* says so
        var log = TelemetrySession.Current!.RunLogger;
        var settings = config.Metrics();
        bool distributed = config.Raw["Run:Engine"] == "rabbitmq";
        if (distributed)
        {
            DistributedRun.Broker(config); // a missing or malformed broker, or an output silos cannot be told, is a bad argument
            DistributedRun.Location(config.Output);
        }
        ResumeRecord? record = null;
        if (resume)
        {
            record = await DistributedRun.ReadRecordAsync(ObjectStores.Open(config.Output), RunId.Validate(runId!), ct);
            (input, settings) = (record.Input, record.Settings);
        }
        var format = config.OutputFormat();
        var blob = config.BlobOptions();
        if (runId is not null) RunId.Validate(runId);
        string? generated = null;
        string? inputDescription = null;
        try
        {
            if (input is null)
            {
                if (distributed) System.Console.WriteLine("note: the generated input is removed after the run, so this run cannot be resumed; pass --input to keep that option.");
                var seed = config.SampleSeed;
                generated = Path.Combine(Path.GetTempPath(), $"pipeline-{preset}-{seed}-{Guid.NewGuid():N}");
                var report = DatasetGenerator.Generate(new GeneratorOptions(GenerateCommand.ParsePreset(preset), seed), generated, null, ct);
                input = generated;
                inputDescription = $"generated:{preset}?seed={seed}";
                System.Console.WriteLine($"No --input: generated the {preset} data set (seed {seed}): {report.Clusters:N0} clusters, {report.Firms:N0} firms, {report.Links:N0} links.");
            }

            if (distributed) runId ??= RunId.FromStartTime(DateTimeOffset.UtcNow); // the silos must know it from the start
            IObjectStore inputStore, outputStore;
            try
            {
                inputStore = ObjectStores.Open(input, blob);
                outputStore = ObjectStores.Open(config.Output, blob);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
            {
                // A malformed location or missing/malformed credentials (messages never carry secret values).
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            var request = new RunRequest(inputStore, outputStore)
            {
                RunId = runId, Replace = replace, Resume = resume, Settings = settings, Output = format, Trigger = trigger,
                InputDescription = record?.InputDescription ?? inputDescription,
            };
            IRunEngine engine = distributed
                ? DistributedRun.Engine(config, request.OutputStore, DistributedRun.Location(config.Output), runId!,
                    record ?? new ResumeRecord(DistributedRun.InputForResume(input), inputDescription, settings), resume)
                : new InProcessEngine(config.Parallelism > 0 ? config.Parallelism : null);
            RunResult result;
            bool live = !plain && !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            if (System.Console.IsOutputRedirected) AnsiConsole.Profile.Capabilities.Ansi = false; // no colour codes in logs
            if (live)
            {
                RunResult? r = null;
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx => { r = await new RunCoordinator(engine, new LoggingRunObserver(new LiveRunObserver(ctx), log)).RunAsync(request, ct); });
                result = r!;
            }
            else
            {
                result = await new RunCoordinator(engine, new LoggingRunObserver(new PlainRunObserver(System.Console.Out), log)).RunAsync(request, ct);
            }
            RunSummary.Print(AnsiConsole.Console, result, request.OutputStore.DisplayUri);
            return ExitCodes.Ok;
        }
        catch (InputUnreadableException e)
        {
            await System.Console.Error.WriteLineAsync($"error: input cannot be read: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (RunExistsException e)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.RunExists;
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            await System.Console.Error.WriteLineAsync("cancelled: the run stopped before it finished; nothing was published.");
            if (e.Data[RunCoordinator.StatusRecordedKey] is true)
                await System.Console.Error.WriteLineAsync(distributed
                    ? $"_status.json records it; finish it with: pipeline run --resume {runId} --output <the same output>"   // the output may carry a SAS: never echoed
                    : "_status.json in the run folder records it; run again (with --replace and the same --run-id) to redo it.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await System.Console.Error.WriteLineAsync($"error: the run failed: {e.Message}");
            await System.Console.Error.WriteLineAsync(e.Data[RunCoordinator.StatusRecordedKey] is true
                ? "Nothing was published; _status.json in the run folder records the failure."
                : "Nothing was published (the failure came before _status.json could be written).");
            if (Environment.GetEnvironmentVariable("PIPELINE_DEBUG") is "1") await System.Console.Error.WriteLineAsync(e.ToString());
            return ExitCodes.RunFailed;
        }
        finally
        {
            if (generated is not null && Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
        }
    }
}
