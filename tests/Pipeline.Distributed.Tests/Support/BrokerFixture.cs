using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pipeline.Generator;
using Pipeline.Grains.Runs;
using Pipeline.Silo.Engines;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>
/// A private RabbitMQ node for the distributed tests, installed (if needed) and started by <c>infra/rabbitmq.sh</c>
/// on free ports, stopped (and its data removed) at the end; plus the generated sample data set and its reference
/// run on the embedded engine, which every distributed run is compared with.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public int Port { get; private set; }
    public string Broker => $"amqp://pipeline:pipeline@127.0.0.1:{Port}/";
    public TempFolder Data { get; } = new();
    public TempFolder Reference { get; } = new();
    public string ReferenceRun => System.IO.Path.Combine(Reference.Path, "runs", "reference");

    public async Task InitializeAsync()
    {
        Port = FreePortRange(21);
        Script("start", "--port", Port.ToString());
        DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 42), Data.Path, null, CancellationToken.None);
        var request = new RunRequest(ObjectStores.Open(Data.Path), new LocalFolderStore(Reference.Path)) { RunId = "reference" };
        await new RunCoordinator(new InProcessEngine(), NullRunObserver.Instance).RunAsync(request);
    }

    public Task DisposeAsync()
    {
        try { Script("stop", "--port", Port.ToString()); } catch (Exception) { /* reported by the tests that needed it */ }
        Data.Dispose();
        Reference.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops the broker node and starts it again on the same data (queues and messages survive).</summary>
    public void RestartBroker() => Script("restart-node", "--port", Port.ToString());

    public static string Script(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["RABBITMQ_OWNER_PID"] = Environment.ProcessId.ToString(); // the broker goes if the test host is killed
        psi.ArgumentList.Add(Repo.Path("infra", "rabbitmq.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10))) { p.Kill(true); throw new TimeoutException($"infra/rabbitmq.sh {string.Join(' ', args)} took over 10 min"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"infra/rabbitmq.sh {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout;
    }

    /// <summary>A port P such that P..P+count−1 are all free on 127.0.0.1 (node ports, distribution ports, epmd).</summary>
    public static int FreePortRange(int count)
    {
        var random = new Random();
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int p = random.Next(20_000, 45_000);
            if (Enumerable.Range(p, count).All(IsFree)) return p;
        }
        throw new InvalidOperationException("no free port range for the test broker");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "broker";
}
