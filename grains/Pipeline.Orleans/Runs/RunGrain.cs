using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Pipeline.Grains.Input;
using Pipeline.Grains.Output;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Hosting;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// A run's coordinator (<see cref="IRunGrain"/>). It runs the pipeline's one-way flow (<see cref="RunCoordinator"/>:
/// read → validate → partition → units on grains (<see cref="GrainUnitEngine"/>) → aggregate and write the metric
/// tables on an aggregation grain → write the quarantine table → publish) on a
/// background task off the grain scheduler, and keeps the submission and outcome in grain storage. A reminder wakes
/// it every <see cref="PipelineSiloOptions.WakePeriod"/> while the run goes: if the silo that hosted it died, the
/// new activation finds the run still running in storage and takes it up again as a resumed run.
/// </summary>
public sealed class RunGrain(
    [PersistentState("run", PipelineStorage.Name)] IPersistentState<RunGrainState> state,
    RunWorkStores stores, PipelineSiloOptions options, ILocalSiloDetails silo, ILogger<RunGrain> log) : Grain, IRunGrain, IRemindable
{
    private const string Wake = "wake";
    private RunEventLog _events = new();
    private CancellationTokenSource? _cancel;
    private Task? _flow;
    private bool _deactivating;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        if (state.State is { Phase: RunPhase.Running, Submission: not null })
        {
            _events.Info($"the run's coordinator was started again on silo {silo.Name} (its previous silo left the cluster); it resumes: units with stored outputs are not redone");
            StartFlow(resume: true);
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        // This silo is going away (or the activation is being moved): stop here without recording an outcome, so the
        // run's reminder takes it up again on another silo.
        _deactivating = true;
        _cancel?.Cancel();
        return Task.CompletedTask;
    }

    public async Task<RunProgress> Submit(RunSubmission submission)
    {
        // A run going on is joined, not started twice. Any other submission starts the flow, which decides like an
        // embedded run would: an existing run id without --replace is refused (exit 3), --replace redoes it, and
        // --resume finishes a run that failed or was cancelled.
        if (state.State.Phase == RunPhase.Running) return await GetProgress(0);
        state.State = new RunGrainState { Submission = submission, Phase = RunPhase.Running, Starts = state.State.Starts, Instance = Guid.NewGuid().ToString("N")[..12] };
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(Wake, options.WakePeriod, options.WakePeriod);
        _events = new RunEventLog(); // followers of this submission see its events only
        StartFlow(resume: submission.Resume);
        return await GetProgress(0);
    }

    public Task<RunProgress> GetProgress(int fromEvent)
    {
        var s = state.State;
        var p = _events.Read(s.Phase, fromEvent);
        return Task.FromResult(p with { Error = s.Error, Failure = s.Failure, StatusRecorded = s.StatusRecorded, HighlightsJson = s.HighlightsJson, Host = silo.Name });
    }

    public async Task<RunProgress> WaitProgress(int fromEvent, TimeSpan wait)
    {
        var events = _events;
        var changed = events.Changed;
        if (state.State.Phase == RunPhase.Running && events.Count == fromEvent && wait > TimeSpan.Zero)
            await Task.WhenAny(changed, Task.Delay(wait));
        return await GetProgress(fromEvent);
    }

    public async Task Cancel()
    {
        if (state.State.Phase != RunPhase.Running) return;
        state.State.CancelRequested = true;
        await state.WriteStateAsync();
        _cancel?.Cancel();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Waking is the point: a new activation has resumed the run in OnActivateAsync. A finished run needs no more.
        if (state.State.Phase != RunPhase.Running && await this.GetReminder(reminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private void StartFlow(bool resume)
    {
        var submission = state.State.Submission!;
        _cancel = new CancellationTokenSource();
        if (state.State.CancelRequested) _cancel.Cancel();
        this.DelayDeactivation(TimeSpan.FromDays(1)); // a run is not idle while its flow goes
        _flow = FlowAsync(submission, resume, _cancel.Token);
    }

    private async Task FlowAsync(RunSubmission s, bool resume, CancellationToken ct)
    {
        state.State.Starts++;
        await state.WriteStateAsync();
        var key = $"{this.GetPrimaryKeyString()}~{state.State.Instance}";
        Outcome outcome;
        var grains = GrainFactory; // grain services are read here, on the activation; the run itself runs off it
        try { outcome = await Task.Run(() => ExecuteAsync(grains, s, key, resume, ct)); }
        catch (Exception e) { outcome = new Outcome(new RunGrainState { Phase = RunPhase.Failed, Failure = RunFailure.Failed, Error = e.Message }); }
        if (_deactivating && outcome.State.Failure is RunFailure.Cancelled && !state.State.CancelRequested) return; // taken up again elsewhere
        state.State.Phase = outcome.State.Phase;
        state.State.Error = outcome.State.Error;
        state.State.Failure = outcome.State.Failure;
        state.State.StatusRecorded = outcome.State.StatusRecorded;
        state.State.HighlightsJson = outcome.State.HighlightsJson;
        await state.WriteStateAsync();
        _events.Ended(); // followers waiting for a change read the outcome now
        if (await this.GetReminder(Wake) is { } reminder) await this.UnregisterReminder(reminder);
        this.DelayDeactivation(TimeSpan.FromMinutes(10)); // followers still read the outcome from this activation
    }

    private sealed record Outcome(RunGrainState State);

    /// <summary>The run itself, on a thread-pool thread: everything here is plain .NET, no grain state is touched.</summary>
    private async Task<Outcome> ExecuteAsync(IGrainFactory grains, RunSubmission s, string runKey, bool resume, CancellationToken ct)
    {
        var parent = TraceParents.Parse(s.TraceParent);
        using var span = PipelineTelemetry.Source.StartActivity("pipeline.coordinator", ActivityKind.Server, parent);
        span?.SetTag("pipeline.run_id", s.RunId).SetTag(PipelineTelemetry.HostKey, silo.Name);
        var workLocation = options.Embedded ? RunWorkStores.MemoryLocation : s.Output;
        var engine = new GrainUnitEngine(grains, stores, new GrainEngineOptions(s.RunId, runKey, workLocation, s.Output)
        {
            TraceParent = TraceParents.Of(span) ?? s.TraceParent,
            CoordinatorSilo = silo.SiloAddress.ToParsableString(),
            SubmissionRecord = RunJson.Serialize(new SubmissionRecord(s.Input, s.InputDescription, s.SettingsJson, s.OutputOptionsJson)),
        });
        try
        {
            var output = stores.OpenStore(s.Output);
            var request = new RunRequest(stores.OpenStore(s.Input), output)
            {
                RunId = s.RunId, Replace = s.Replace && !resume, Resume = resume, Trigger = s.Trigger, InputDescription = s.InputDescription,
                Settings = RunJson.Deserialize<MetricSettings>(Encoding.UTF8.GetBytes(s.SettingsJson))!,
                Output = RunJson.Deserialize<OutputOptions>(Encoding.UTF8.GetBytes(s.OutputOptionsJson))!,
            };
            var result = await new RunCoordinator(engine, _events).RunAsync(request, ct);
            try { await engine.CleanUpAsync(CancellationToken.None); }
            catch (Exception e) { log.LogWarning("run {RunId} is published; its working files could not all be removed: {Error}", s.RunId, e.Message); }
            return new Outcome(new RunGrainState { Phase = RunPhase.Finished, HighlightsJson = RunHighlights.From(result).ToJson() });
        }
        catch (Exception e)
        {
            bool started = e.Data[RunCoordinator.StatusRecordedKey] is true;
            var failure = e switch
            {
                OperationCanceledException when ct.IsCancellationRequested => RunFailure.Cancelled,
                InputUnreadableException => RunFailure.BadInput,
                Pipeline.Grains.Scenarios.ScenarioFileException => RunFailure.BadInput, // a --scenarios firm not in the input, found once it is read
                ArgumentException when !started => RunFailure.BadInput, // settings or a resume that cannot be, found before the run started
                RunExistsException => RunFailure.RunExists,
                _ => RunFailure.Failed,
            };
            if (failure == RunFailure.Failed) log.LogWarning(e, "run {RunId} failed", s.RunId);
            engine.ReleaseAfterFailure(); // an embedded run's memory is not coming back; a cluster run's files stay for --resume
            var message = failure == RunFailure.BadInput && e is InputUnreadableException ? $"input cannot be read: {e.Message}" : e.Message;
            return new Outcome(new RunGrainState { Phase = RunPhase.Failed, Error = message, Failure = failure, StatusRecorded = e.Data[RunCoordinator.StatusRecordedKey] is true });
        }
    }
}

/// <summary>The content of <c>_work/run.json</c>: what <c>pipeline run --resume RUN_ID</c> submits again if the run does not finish.</summary>
public sealed record SubmissionRecord(string Input, string? InputDescription, string SettingsJson, string OutputOptionsJson);
