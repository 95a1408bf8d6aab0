using RabbitMQ.Client;

namespace Pipeline.Silo.Broker;

/// <summary>
/// The broker objects of distributed runs, declared idempotently by clients and silos alike:
/// <list type="bullet">
/// <item><c>pipeline.work</c> (direct) → <c>pipeline.units</c>: a durable quorum queue of work items that every silo
/// consumes with manual acks. A work item redelivered more than <see cref="DeliveryLimit"/> times (x-delivery-limit:
/// it failed, or its silo died, that often) is dead-lettered to <c>pipeline.dead</c>.</item>
/// <item><c>pipeline.dead</c> (headers): dead-lettered work items keep their <c>pipeline-run</c> header, so each run's
/// events queue receives its own.</item>
/// <item><c>pipeline.events</c> (topic): silos publish completion and failure events with routing key <c>run.RUN_ID</c>.</item>
/// <item><c>pipeline.run.RUN_ID</c>: a durable quorum queue per run, bound to both, which the run's client follows
/// (it survives the client and the broker restarting, so <c>run --resume</c> sees what happened meanwhile).</item>
/// </list>
/// </summary>
public static class BrokerTopology
{
    public const string WorkExchange = "pipeline.work";
    public const string WorkQueue = "pipeline.units";
    public const string WorkRoutingKey = "unit";
    public const string DeadExchange = "pipeline.dead";
    public const string EventsExchange = "pipeline.events";
    public const string RunHeader = "pipeline-run";
    /// <summary>Deliveries of a work item before it is dead-lettered: room for silo crashes and a broker restart, yet a poison item ends quickly.</summary>
    public const int DeliveryLimit = 5;

    public static string RunQueue(string runId) => $"pipeline.run.{runId}";
    public static string RunRoutingKey(string runId) => $"run.{runId}";

    public static async Task DeclareAsync(IChannel channel, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(WorkExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(DeadExchange, ExchangeType.Headers, durable: true, autoDelete: false, cancellationToken: ct).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueDeclareAsync(WorkQueue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = DeliveryLimit,
            ["x-dead-letter-exchange"] = DeadExchange,
        }, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueBindAsync(WorkQueue, WorkExchange, WorkRoutingKey, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>Declares run <paramref name="runId"/>'s events queue and binds it to its events and dead letters.</summary>
    public static async Task DeclareRunAsync(IChannel channel, string runId, CancellationToken ct)
    {
        var queue = RunQueue(runId);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueBindAsync(queue, EventsExchange, RunRoutingKey(runId), cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueBindAsync(queue, DeadExchange, "", new Dictionary<string, object?> { ["x-match"] = "all", [RunHeader] = runId }, cancellationToken: ct).ConfigureAwait(false);
    }
}
