using System.Diagnostics;
using Orleans;
using Orleans.Runtime;
using Pipeline.Grains.Telemetry;
using Pipeline.Orleans.Runs;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Units;

/// <summary>
/// What every unit grain does (<see cref="IUnitGrain"/>): on <c>Start</c> it checks the work store for an output
/// under its content key (a re-executed unit is done at once), else queues the computation on the silo's
/// <see cref="UnitWorkers"/> and answers when done or when the caller's wait is up. The computation itself is the
/// subclass's <see cref="ComputeAsync"/>: load input, call the pure unit function, store the output.
/// </summary>
public abstract class UnitGrain(UnitWorkers workers, RunWorkStores stores, ILocalSiloDetails silo, UnitFaults faults) : Grain, IUnitGrain
{
    private UnitProgress _progress = null!;
    private Task? _work;
    private TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _computingTicks;

    protected UnitWorkers Workers => workers;
    protected UnitFaults Faults => faults;
    protected RunWorkStores Stores => stores;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _progress = Progress(UnitPhase.Unknown);
        return Task.CompletedTask;
    }

    public Task<UnitProgress> Start(UnitAssignment assignment, TimeSpan wait)
    {
        if (_work is null)
        {
            _progress = Progress(UnitPhase.Queued);
            var finished = _finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Off the grain scheduler: the grain stays responsive to Wait calls while the unit computes.
            _work = Task.Run(() => RunAsync(assignment, finished));
        }
        return Wait(wait);
    }

    public async Task<UnitProgress> Wait(TimeSpan wait)
    {
        var finished = _finished.Task;
        if (_work is not null && !finished.IsCompleted && wait > TimeSpan.Zero)
            await Task.WhenAny(finished, Task.Delay(wait));
        return Volatile.Read(ref _progress);
    }

    private async Task RunAsync(UnitAssignment a, TaskCompletionSource finished)
    {
        var started = DateTimeOffset.UtcNow;
        using var span = StartSpan(a);
        try
        {
            var store = stores.Open(a.WorkLocation, a.RunId);
            if (await store.HasOutputAsync(a.UnitKey, CancellationToken.None))
            {
                Volatile.Write(ref _progress, Progress(UnitPhase.Done) with { Started = started, Finished = DateTimeOffset.UtcNow, Reused = true });
                return;
            }
            Volatile.Write(ref _progress, Progress(UnitPhase.Running) with { Started = started });
            Interlocked.Exchange(ref _computingTicks, 0);
            var computed = await ComputeAsync(store, a);
            span?.SetTag(PipelineTelemetry.RowsInKey, computed.RowsIn);
            Volatile.Write(ref _progress, Progress(UnitPhase.Done) with
            {
                Started = started, Finished = DateTimeOffset.UtcNow, RowsIn = computed.RowsIn, RowsOut = computed.RowsOut, Result = computed.Result,
                Computing = TimeSpan.FromTicks(Interlocked.Read(ref _computingTicks)),
            });
        }
        catch (Exception e)
        {
            PipelineTelemetry.Fail(span, e);
            Volatile.Write(ref _progress, Progress(UnitPhase.Failed) with { Started = started, Finished = DateTimeOffset.UtcNow, Error = e.Message });
            _work = null; // the next Start tries again
        }
        finally
        {
            finished.TrySetResult();
        }
    }

    /// <summary>Loads the unit's input from <paramref name="store"/>, computes it on the worker pool (<see cref="OnWorkersAsync"/>), stores its output; returns rows in and out.</summary>
    protected abstract Task<UnitComputed> ComputeAsync(IRunWorkStore store, UnitAssignment assignment);

    /// <summary>Runs <paramref name="body"/> on <paramref name="slots"/> of the silo's unit workers, counting the time it held them (<see cref="UnitProgress.Computing"/>).</summary>
    protected Task<T> OnWorkersAsync<T>(int slots, Func<T> body) => workers.RunAsync(slots, () =>
    {
        long started = Stopwatch.GetTimestamp();
        try { return body(); }
        finally { Interlocked.Add(ref _computingTicks, Stopwatch.GetElapsedTime(started).Ticks); }
    });

    private UnitProgress Progress(UnitPhase phase) => new(phase, silo.SiloAddress.ToParsableString(), workers.Count, SiloName: silo.Name);

    private static Activity? StartSpan(UnitAssignment a)
    {
        if (!PipelineTelemetry.Source.HasListeners()) return null;
        var parent = TraceParents.Parse(a.TraceParent);
        var span = PipelineTelemetry.Source.StartActivity("pipeline.silo.unit", ActivityKind.Consumer, parent);
        span?.SetTag("pipeline.run_id", a.RunId).SetTag("pipeline.unit", a.UnitId).SetTag(PipelineTelemetry.HostKey, Environment.MachineName);
        return span;
    }
}
