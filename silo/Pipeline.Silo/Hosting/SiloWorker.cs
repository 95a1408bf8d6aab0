using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Grains.Telemetry;
using Pipeline.Silo.Broker;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Pipeline.Silo.Hosting;

/// <summary>
/// The silo's consumer: takes work items from the durable quorum queue <c>pipeline.units</c> with manual acks and a
/// prefetch of one item per core, executes each (<see cref="WorkItemExecutor"/>), publishes a completion event with
/// publisher confirms, and only then acks. A failed item is reported and nacked back to the queue (after
/// <see cref="BrokerTopology.DeliveryLimit"/> deliveries the broker dead-letters it). When the connection drops the
/// silo reconnects; unacked items return to the queue by themselves. On SIGTERM it stops taking items, lets the
/// in-flight ones finish for up to the host's shutdown timeout, then closes; the broker requeues what is left.
/// </summary>
public sealed class SiloWorker(SiloOptions options, ILogger<SiloWorker> log) : BackgroundService
{
    private readonly WorkItemExecutor _executor = new(options.FailUnit, options.DelayMs);
    private readonly BrokerEndpoints _broker = BrokerEndpoints.Parse(options.Broker);
    private readonly SemaphoreSlim _publish = new(1, 1);
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        log.LogInformation("silo {Name} consuming {Queue} on {Broker}, prefetch {Prefetch}", options.EffectiveName, BrokerTopology.WorkQueue, _broker.Display, options.EffectivePrefetch);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning("broker connection lost or unavailable ({Message}); reconnecting in 2 s", e.Message);
                try { await Task.Delay(2000, stopping).ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
            catch (OperationCanceledException) { }
        }
    }

    private async Task ConsumeAsync(CancellationToken stopping)
    {
        await using var connection = await _broker.ConnectAsync($"silo {options.EffectiveName}", stopping).ConfigureAwait(false);
        ushort prefetch = (ushort)Math.Clamp(options.EffectivePrefetch, 1, ushort.MaxValue);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, consumerDispatchConcurrency: prefetch), stopping).ConfigureAwait(false);
        await BrokerTopology.DeclareAsync(channel, stopping).ConfigureAwait(false);
        await channel.BasicQosAsync(0, prefetch, false, stopping).ConfigureAwait(false);

        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, e) => { lost.TrySetResult(e.ReplyText); return Task.CompletedTask; };
        channel.ChannelShutdownAsync += (_, e) => { lost.TrySetResult(e.ReplyText); return Task.CompletedTask; };

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery);
        var tag = await channel.BasicConsumeAsync(BrokerTopology.WorkQueue, autoAck: false, consumer, stopping).ConfigureAwait(false);
        log.LogInformation("connected");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var reg = stopping.Register(() => stop.TrySetResult());
        if (await Task.WhenAny(lost.Task, stop.Task).ConfigureAwait(false) == lost.Task)
            throw new IOException(lost.Task.Result);

        // SIGTERM: take no more items; finish the ones in flight (the host bounds how long), then close.
        log.LogInformation("stopping: no new work items; {InFlight} in flight", Volatile.Read(ref _inFlight));
        try { await channel.BasicCancelAsync(tag, noWait: false, CancellationToken.None).ConfigureAwait(false); } catch (Exception) { }
        while (Volatile.Read(ref _inFlight) > 0 && !lost.Task.IsCompleted) await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        await channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        await connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private Activity? StartItemSpan(IDictionary<string, object?>? headers, WorkItemMessage item)
    {
        if (!PipelineTelemetry.Source.HasListeners()) return null;
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        if (headers is not null)
            foreach (var (key, value) in headers)
                if (value is byte[] bytes) text[key] = System.Text.Encoding.UTF8.GetString(bytes);
                else if (value is string str) text[key] = str;
        TraceContext.TryExtract(text, out var parent);
        var span = PipelineTelemetry.Source.StartActivity("pipeline.silo.item", ActivityKind.Consumer, parent);
        span?.SetTag(PipelineTelemetry.HostKey, options.EffectiveName).SetTag("pipeline.work_item", item.Item).SetTag("pipeline.run_id", item.RunId)
            .SetTag("pipeline.units", item.Units.Length);
        return span;
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _inFlight);
        ulong deliveryTag = delivery.DeliveryTag;
        WorkItemMessage? item = null;
        try
        {
            item = BrokerJson.Deserialize<WorkItemMessage>(delivery.Body.Span);
            // A span for the item in the client's trace (parent from the message's W3C headers); exported when this
            // silo runs with OTEL_* set.
            using var span = StartItemSpan(delivery.BasicProperties.Headers, item);
            var report = await _executor.ExecuteAsync(item, CancellationToken.None).ConfigureAwait(false);
            span?.SetTag(PipelineTelemetry.RowsInKey, report.Firms);
            if (report.Outcome != WorkItemOutcome.RunAborted)
                await PublishEventAsync(channel, new UnitEvent(item.RunId, item.Item, item.Units, UnitEvent.Done, options.EffectiveName, report.Firms,
                    report.Compute.TotalMilliseconds, report.Staging.TotalMilliseconds)).ConfigureAwait(false);
            await channel.BasicAckAsync(deliveryTag, false).ConfigureAwait(false);
            if (report.Outcome == WorkItemOutcome.Computed)
                log.LogDebug("{Item} ({Units} units) computed in {Compute:F0} ms, staging {Staging:F0} ms", item.Item, item.Units.Length, report.Compute.TotalMilliseconds, report.Staging.TotalMilliseconds);
        }
        catch (Exception e) when (channel.IsOpen)
        {
            log.LogWarning("work item {Item} failed: {Error}", item?.Item ?? "(unreadable)", e.Message);
            try
            {
                if (item is not null)
                    await PublishEventAsync(channel, new UnitEvent(item.RunId, item.Item, item.Units, UnitEvent.Failed, options.EffectiveName, 0, 0, 0, e.Message)).ConfigureAwait(false);
                await channel.BasicNackAsync(deliveryTag, false, requeue: true).ConfigureAwait(false);
            }
            catch (Exception nackError)
            {
                log.LogWarning("could not report the failure ({Message}); the broker will redeliver the item", nackError.Message);
            }
        }
        catch (Exception e)
        {
            log.LogWarning("work item {Item} interrupted ({Message}); the broker will redeliver it", item?.Item ?? "(unreadable)", e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task PublishEventAsync(IChannel channel, UnitEvent e)
    {
        var props = new BasicProperties { Persistent = true, Type = "event", ContentType = "application/json", Headers = new Dictionary<string, object?> { [BrokerTopology.RunHeader] = e.RunId } };
        await _publish.WaitAsync().ConfigureAwait(false);
        try
        {
            // With confirmation tracking on, this returns once the broker has the event (or throws if it nacks).
            await channel.BasicPublishAsync(BrokerTopology.EventsExchange, BrokerTopology.RunRoutingKey(e.RunId), mandatory: false, props, BrokerJson.Serialize(e)).ConfigureAwait(false);
        }
        finally
        {
            _publish.Release();
        }
    }
}
