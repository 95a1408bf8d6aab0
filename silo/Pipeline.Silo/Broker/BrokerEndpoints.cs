using RabbitMQ.Client;

namespace Pipeline.Silo.Broker;

/// <summary>
/// The broker address(es) of <c>--broker</c> / <c>PIPELINE_BROKER</c>: one or more comma-separated
/// <c>amqp://user:pass@host:port/vhost</c> URIs (the nodes of one cluster; the client library tries them in random
/// order, which spreads connections over the cluster, and moves to another on reconnecting).
/// <see cref="Display"/> never shows the password.
/// </summary>
public sealed class BrokerEndpoints
{
    private readonly Uri[] _uris;

    private BrokerEndpoints(Uri[] uris) => _uris = uris;

    public static BrokerEndpoints Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException("No broker given: pass --broker amqp://user:pass@host:5672/vhost or set PIPELINE_BROKER.");
        var uris = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
        {
            if (!Uri.TryCreate(s, UriKind.Absolute, out var u) || u.Scheme is not ("amqp" or "amqps"))
                throw new ArgumentException($"The broker address '{Redact(s)}' is not an amqp:// or amqps:// URI.");
            return u;
        }).ToArray();
        return new BrokerEndpoints(uris);
    }

    public string Display => string.Join(",", _uris.Select(u => Redact(u.ToString())));

    /// <summary>A connection factory for the first URI (credentials, vhost, TLS); every URI's host:port is an endpoint.</summary>
    public ConnectionFactory Factory(string clientName) => new()
    {
        Uri = _uris[0],
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = false, // callers reconnect themselves and redo their work from storage
        RequestedHeartbeat = TimeSpan.FromSeconds(10),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
    };

    public Task<IConnection> ConnectAsync(string clientName, CancellationToken ct) =>
        Factory(clientName).CreateConnectionAsync(_uris.Select(u => new AmqpTcpEndpoint(u)).ToList(), ct);

    private static string Redact(string uri)
    {
        int at = uri.IndexOf('@'), scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0) return uri;
        var userInfo = uri[(scheme + 3)..at];
        int colon = userInfo.IndexOf(':');
        return colon < 0 ? uri : uri[..(scheme + 3)] + userInfo[..colon] + ":***" + uri[at..];
    }
}
