using System.Diagnostics;
using System.Threading.Channels;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Grains.Units;
using Pipeline.Silo.Broker;
using Pipeline.Silo.Staging;
using Pipeline.Storage;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Pipeline.Silo.Engines;

/// <summary>Where and how a <see cref="RabbitMqEngine"/> runs.</summary>
public sealed record RabbitMqEngineOptions(BrokerEndpoints Broker, IObjectStore Output, string OutputLocation, string RunId)
{
    /// <summary>Finish a run whose units are partly done: units with outputs in storage are not redone.</summary>
    public bool Resume { get; init; }
    /// <summary>Written to <c>_work/run.json</c> (what <c>--resume</c> needs to re-read the input).</summary>
    public byte[]? ResumeRecord { get; init; }
    /// <summary>About how many work items (broker messages) a run is cut into.</summary>
    public int TargetItems { get; init; } = 256;
    /// <summary>How long the broker may stay unreachable before the run fails.</summary>
    public TimeSpan BrokerOutage { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>A unit failed on every delivery and was dead-lettered: the run cannot finish.</summary>
public sealed class UnitFailedException(string message) : Exception(message);

/// <summary>
/// The distributed engine: silos (<c>silo --broker …</c>, any number, on any machines sharing the broker and the
/// output store) compute the units. This side stages each work item's input under <c>runs/RUN_ID/_work/</c>,
/// publishes one persistent message per item to the quorum queue with publisher confirms, follows the run's events
/// queue (completions count each unit once, however often it was delivered; a dead-lettered item fails the run
/// with its unit and last error), survives broker restarts by reconnecting and re-reading completed outputs from
/// storage, then reads every output back for the aggregation and removes the working files.
/// </summary>
public sealed class RabbitMqEngine(RabbitMqEngineOptions options) : IRunEngine
{
    public string Name => "rabbitmq";

    /// <summary>The span current when the run's units were handed to this engine (the coordinator's compute stage).</summary>
    private ActivityContext? _computeContext;

    public async Task<UnitResults> ExecuteAsync(PartitionedInput input, IRunObserver observer, CancellationToken ct)
    {
        _computeContext = Activity.Current?.Context;
        var layout = new WorkLayout(options.RunId);
        var store = options.Output;
        var plan = input.Plan;
        var follow = new RunFollower(plan, observer);

        // What is already done (resume): every unit in an existing output.
        if (options.Resume)
        {
            await store.DeleteAsync(layout.Abort, ct).ConfigureAwait(false);
            foreach (var units in (await ReadOutputsAsync(store, layout, ct).ConfigureAwait(false)).Select(o => o.Units)) follow.MarkDone(units);
            observer.Info($"resuming: {follow.Done:N0} of {plan.Count:N0} units already have outputs");
        }
        var items = WorkPlanner.Group([.. plan.Where(u => !follow.IsDone(u.UnitId))], options.TargetItems);

        var staging = Stopwatch.StartNew();
        if (options.ResumeRecord is { } record && !options.Resume)
            await store.WriteAsync(layout.Resume, new MemoryStream(record), null, ct).ConfigureAwait(false);
        if (!options.Resume || await store.GetInfoAsync(layout.Context, ct).ConfigureAwait(false) is null)
            await store.WriteAsync(layout.Context, new MemoryStream(UnitContextCodec.Encode(input.Context)), null, ct).ConfigureAwait(false);
        if (items.Any(i => i.Units.Any(u => u is FirmPartitionUnit)) && (!options.Resume || await store.GetInfoAsync(layout.Country, ct).ConfigureAwait(false) is null))
            await store.WriteAsync(layout.Country, new MemoryStream(CountryIndexCodec.Encode(input)), null, ct).ConfigureAwait(false);
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (item, c) =>
            await store.WriteAsync(layout.Input(item.Name), new MemoryStream(WorkItemInputCodec.Encode(input, item.Units)), null, c).ConfigureAwait(false)).ConfigureAwait(false);
        observer.Info($"staged {items.Count:N0} work items ({plan.Count - follow.Done:N0} units) in {staging.Elapsed.TotalSeconds:F1} s under {layout.Prefix}/");
        follow.Start();

        try
        {
            await FollowAsync(items, layout, follow, ct).ConfigureAwait(false);
        }
        catch (UnitFailedException)
        {
            await store.WriteAsync(layout.Abort, new MemoryStream("aborted\n"u8.ToArray()), null, CancellationToken.None).ConfigureAwait(false);
            await DeleteRunQueueAsync().ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            await store.WriteAsync(layout.Abort, new MemoryStream("cancelled\n"u8.ToArray()), null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        observer.Info(follow.Summary());

        var collect = Stopwatch.StartNew();
        var results = await CollectAsync(input, store, layout, ct).ConfigureAwait(false);
        observer.Info($"read {items.Count:N0} work item outputs back in {collect.Elapsed.TotalSeconds:F1} s");
        await DeleteRunQueueAsync().ConfigureAwait(false);
        await DeleteWorkAsync(store, layout).ConfigureAwait(false);
        return results;
    }

    /// <summary>Publishes the items (once each, confirmed) and follows the run's events until every unit is done; reconnects on broker loss.</summary>
    private async Task FollowAsync(IReadOnlyList<WorkItemPlan> items, WorkLayout layout, RunFollower follow, CancellationToken ct)
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        var itemUnits = items.ToDictionary(i => i.Name, i => i.Units.Select(u => u.UnitId).ToArray(), StringComparer.Ordinal);
        var lostSince = (DateTimeOffset?)null;
        while (!follow.Complete)
        {
            try
            {
                await using var connection = await options.Broker.ConnectAsync($"pipeline client run {options.RunId}", ct).ConfigureAwait(false);
                await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), ct).ConfigureAwait(false);
                await BrokerTopology.DeclareAsync(channel, ct).ConfigureAwait(false);
                await BrokerTopology.DeclareRunAsync(channel, options.RunId, ct).ConfigureAwait(false);
                if (lostSince is not null) follow.Observer.Info("reconnected to the broker");
                lostSince = null;

                // Catch up with outputs written while we were away (their events may be gone with a lost connection).
                await CatchUpAsync();

                var publishing = Stopwatch.StartNew();
                int sent = 0;
                // Up to 64 publishes in flight at once: each completes when the broker confirms it (tracking on).
                foreach (var chunk in items.Where(i => !published.Contains(i.Name) && !i.Units.All(u => follow.IsDone(u.UnitId))).Chunk(64))
                {
                    await Task.WhenAll(chunk.Select(async item =>
                    {
                        var message = new WorkItemMessage(options.RunId, options.OutputLocation, item.Name, itemUnits[item.Name], item.Firms);
                        var props = new BasicProperties
                        {
                            Persistent = true, Type = "work", MessageId = item.Name, ContentType = "application/json",
                            Headers = new Dictionary<string, object?> { [BrokerTopology.RunHeader] = options.RunId },
                        };
                        // W3C trace context of the compute stage, so the silo's work joins the run's trace.
                        var trace = new Dictionary<string, string>();
                        TraceContext.Inject(trace, _computeContext);
                        foreach (var (key, value) in trace) props.Headers[key] = value;
                        await channel.BasicPublishAsync(BrokerTopology.WorkExchange, BrokerTopology.WorkRoutingKey, mandatory: false, props, BrokerJson.Serialize(message), ct).ConfigureAwait(false);
                    })).ConfigureAwait(false);
                    foreach (var item in chunk) published.Add(item.Name); // all confirmed by the broker
                    sent += chunk.Length;
                }
                if (sent > 0) follow.Observer.Info($"published {sent:N0} work items to {BrokerTopology.WorkQueue} (confirmed) in {publishing.Elapsed.TotalMilliseconds:F0} ms");

                var inbox = Channel.CreateUnbounded<Delivery>();
                var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.ConnectionShutdownAsync += (_, e) => { lost.TrySetResult(e.ReplyText); return Task.CompletedTask; };
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += async (_, d) => await inbox.Writer.WriteAsync(new Delivery(d.DeliveryTag, d.BasicProperties.Type, d.Body.ToArray()), ct).ConfigureAwait(false);
                await channel.BasicQosAsync(0, 500, false, ct).ConfigureAwait(false);
                await channel.BasicConsumeAsync(BrokerTopology.RunQueue(options.RunId), autoAck: false, consumer, ct).ConfigureAwait(false);

                var tick = Stopwatch.StartNew();
                while (!follow.Complete)
                {
                    if (lost.Task.IsCompleted) throw new IOException(lost.Task.Result);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    wait.CancelAfter(TimeSpan.FromSeconds(1));
                    try
                    {
                        var d = await inbox.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                        Handle(d, follow);
                        await channel.BasicAckAsync(d.Tag, false, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
                    if (tick.Elapsed > TimeSpan.FromSeconds(3))
                    {
                        tick.Restart();
                        follow.Silos = (int)await channel.ConsumerCountAsync(BrokerTopology.WorkQueue, ct).ConfigureAwait(false);
                        // Storage is the record of what is done: an output whose completion event was lost (a silo's
                        // publish cut off by a broker restart) still ends its units.
                        await CatchUpAsync();
                        follow.Report();
                    }
                }
                await channel.CloseAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not UnitFailedException && !ct.IsCancellationRequested)
            {
                if (follow.Complete) break;
                lostSince ??= DateTimeOffset.UtcNow;
                if (DateTimeOffset.UtcNow - lostSince > options.BrokerOutage)
                    throw new IOException($"The broker {options.Broker.Display} was unreachable for over {options.BrokerOutage.TotalMinutes:F0} min: {e.Message}", e);
                follow.Observer.Info($"broker connection lost ({e.Message}); reconnecting in 2 s");
                await Task.Delay(2000, ct).ConfigureAwait(false);
            }
        }

        async Task CatchUpAsync()
        {
            await foreach (var o in options.Output.ListAsync(layout.OutputsPrefix, ct).ConfigureAwait(false))
                if (itemUnits.TryGetValue(ItemOf(o.Name), out var units)) follow.MarkDone(units);
        }
    }

    private sealed record Delivery(ulong Tag, string? Type, byte[] Body);

    private static void Handle(Delivery d, RunFollower follow)
    {
        if (d.Type == "work")
        {
            // A work item dead-lettered after x-delivery-limit deliveries.
            var item = BrokerJson.Deserialize<WorkItemMessage>(d.Body);
            var failed = item.Units.Where(u => !follow.IsDone(u)).ToArray();
            if (failed.Length == 0) return; // done meanwhile by another delivery
            throw new UnitFailedException(follow.FailureReport(item, failed));
        }
        var e = BrokerJson.Deserialize<UnitEvent>(d.Body);
        if (e.Kind == UnitEvent.Done) follow.Completed(e);
        else follow.AttemptFailed(e);
    }

    private static string ItemOf(string outputName)
    {
        var file = outputName[(outputName.LastIndexOf('/') + 1)..];
        return file.EndsWith(".bin", StringComparison.Ordinal) ? file[..^4] : file;
    }

    private static async Task<List<(string Item, string[] Units, WorkItemOutput Output)>> ReadOutputsAsync(IObjectStore store, WorkLayout layout, CancellationToken ct)
    {
        var names = new List<string>();
        await foreach (var o in store.ListAsync(layout.OutputsPrefix, ct).ConfigureAwait(false)) names.Add(o.Name);
        var outputs = new (string, string[], WorkItemOutput)[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, c) =>
        {
            await using var s = await store.OpenReadAsync(names[i], c).ConfigureAwait(false);
            var output = WorkItemOutputCodec.Decode(s);
            outputs[i] = (ItemOf(names[i]), [.. output.Clusters.Select(x => x.UnitId), .. output.Partitions.Select(x => x.UnitId)], output);
        }).ConfigureAwait(false);
        return [.. outputs];
    }

    /// <summary>Reads every item output and places each unit's result by cluster / partition index (a unit found in two outputs has the same bytes in both).</summary>
    private static async Task<UnitResults> CollectAsync(PartitionedInput input, IObjectStore store, WorkLayout layout, CancellationToken ct)
    {
        var clusterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var partitionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in input.Plan)
        {
            if (u is ClusterUnit c) clusterIndex[u.UnitId] = c.Cluster;
            else if (u is FirmPartitionUnit p) partitionIndex[u.UnitId] = p.Partition;
        }
        var clusters = new ClusterUnitOutput?[input.Data.Clusters.Length];
        var partitions = new FirmPartitionOutput?[input.Country.PartitionFirms.Length];
        foreach (var (_, _, output) in await ReadOutputsAsync(store, layout, ct).ConfigureAwait(false))
        {
            foreach (var (id, o) in output.Clusters) if (clusterIndex.TryGetValue(id, out var i)) clusters[i] ??= o;
            foreach (var (id, o) in output.Partitions) if (partitionIndex.TryGetValue(id, out var i)) partitions[i] ??= o;
        }
        var missing = input.Plan.Where(u => u switch
        {
            ClusterUnit c => clusters[c.Cluster] is null,
            FirmPartitionUnit p => partitions[p.Partition] is null,
            _ => true,
        }).Select(u => u.UnitId).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{missing.Count} unit(s) were reported done but have no output in {layout.OutputsPrefix}: {string.Join(", ", missing.Take(5))}");
        return new UnitResults([.. clusters.Select(c => c!)], [.. partitions.Select(p => p!)]);
    }

    private async Task DeleteRunQueueAsync()
    {
        try
        {
            await using var connection = await options.Broker.ConnectAsync($"pipeline client run {options.RunId}", CancellationToken.None).ConfigureAwait(false);
            await using var channel = await connection.CreateChannelAsync().ConfigureAwait(false);
            await channel.QueueDeleteAsync(BrokerTopology.RunQueue(options.RunId), ifUnused: false, ifEmpty: false).ConfigureAwait(false);
        }
        catch (Exception) { /* best effort: an empty per-run queue is harmless */ }
    }

    private static async Task DeleteWorkAsync(IObjectStore store, WorkLayout layout)
    {
        var names = new List<string>();
        await foreach (var o in store.ListAsync(layout.Prefix + "/").ConfigureAwait(false)) names.Add(o.Name);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, c) => await store.DeleteAsync(n, c).ConfigureAwait(false)).ConfigureAwait(false);
        if (store is LocalFolderStore local) // a folder store keeps the emptied folders
        {
            var dir = Path.Combine(local.Root, layout.Prefix);
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { /* a late duplicate output; harmless */ }
        }
    }
}
