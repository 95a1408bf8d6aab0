using System.Text.Json;
using Pipeline.Distributed.Tests.Support;
using Pipeline.Grains.Runs;
using Pipeline.Silo.Broker;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// Distributed runs on a real RabbitMQ node with real silo processes, compared row for row (DuckDB) with the embedded
/// engine on the same generated sample data set: plain, with a silo killed by SIGKILL mid-run, with the broker
/// restarted mid-run, with a poison unit, and interrupted then resumed. Tests run one after another (one broker);
/// each starts and stops its own silos. No timings are asserted; a run that hangs fails at the test's deadline.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DistributedRunTests(BrokerFixture broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Test-only silo settings that make each work item take 400 ms more, so a run lasts long enough to interrupt.</summary>
    private static readonly Dictionary<string, string> Slow = new() { ["DelayMs"] = "400", ["Prefetch"] = "1" };

    [Fact]
    public async Task Three_silos_produce_the_rows_of_the_embedded_engine()
    {
        using var silos = new SiloProcesses(broker.Broker, 3);
        using var output = new TempFolder();
        var probe = new ProgressProbe();
        var result = await Run(output.Path, "three-silos", probe, silos);

        Assert.Equal("rabbitmq", result.Manifest.Engine);
        ParquetRows.AssertSame(broker.ReferenceRun, RunFolder(output.Path, "three-silos"));
        Assert.Equal("three-silos", File.ReadAllText(Path.Combine(output.Path, "latest")).Trim());
        Assert.False(Directory.Exists(Path.Combine(RunFolder(output.Path, "three-silos"), "_work")), "the working files are removed after the run");
    }

    [Fact]
    public async Task A_poison_unit_fails_the_run_with_a_report_and_publishes_nothing()
    {
        const string poison = "cluster/ZJ-WZ-SHOES";
        using var silos = new SiloProcesses(broker.Broker, 2, new Dictionary<string, string> { ["FailUnit"] = poison });
        using var output = new TempFolder();
        var probe = new ProgressProbe();

        var e = await Assert.ThrowsAsync<UnitFailedException>(() => Run(output.Path, "poison", probe, silos));

        Assert.Contains(poison, e.Message);
        Assert.Contains("fault injected", e.Message);
        Assert.Contains($"{BrokerTopology.DeliveryLimit} deliveries", e.Message);
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")), "a failed run must not move latest");
        Assert.False(File.Exists(Path.Combine(RunFolder(output.Path, "poison"), "_manifest.json")));
        using var status = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RunFolder(output.Path, "poison"), "_status.json")));
        Assert.Equal("failed", status.RootElement.GetProperty("state").GetString());
        Assert.Contains(poison, status.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_silo_killed_mid_run_leaves_the_rows_unchanged()
    {
        using var silos = new SiloProcesses(broker.Broker, 3, Slow);
        using var output = new TempFolder();
        var probe = new ProgressProbe();
        var run = Run(output.Path, "kill-9", probe, silos);

        await probe.UnitsDone(3).WaitAsync(Deadline);
        silos.Kill(0);
        await run;

        ParquetRows.AssertSame(broker.ReferenceRun, RunFolder(output.Path, "kill-9"));
    }

    [Fact]
    public async Task A_silo_stopped_with_SIGTERM_finishes_its_work_item_and_exits_cleanly()
    {
        // Items take 1 s here, so the silo almost surely has one in flight when SIGTERM arrives.
        using var silos = new SiloProcesses(broker.Broker, 2, new Dictionary<string, string> { ["DelayMs"] = "1000", ["Prefetch"] = "1" });
        using var output = new TempFolder();
        var probe = new ProgressProbe();
        var run = Run(output.Path, "sigterm", probe, silos);

        await probe.UnitsDone(2).WaitAsync(Deadline);
        Assert.Equal(0, silos.Terminate(0, TimeSpan.FromSeconds(60)));
        await run;

        var log = silos.Log(0);
        Assert.Contains("stopping: no new work items", log); // it stopped taking items, then let its item finish
        Assert.DoesNotContain("interrupted", log);
        ParquetRows.AssertSame(broker.ReferenceRun, RunFolder(output.Path, "sigterm"));
    }

    [Fact]
    public async Task A_broker_restart_mid_run_leaves_the_rows_unchanged()
    {
        // Items take 1.5 s each here, so the run (19 items on 2 silos) is still going while the node stops and starts.
        using var silos = new SiloProcesses(broker.Broker, 2, new Dictionary<string, string> { ["DelayMs"] = "1500", ["Prefetch"] = "1" });
        using var output = new TempFolder();
        var probe = new ProgressProbe();
        var run = Run(output.Path, "broker-restart", probe, silos);

        await probe.UnitsDone(2).WaitAsync(Deadline);
        broker.RestartBroker();
        await run;

        Assert.True(probe.Messages.Any(m => m.Contains("broker connection lost")) && probe.Messages.Any(m => m.Contains("reconnected to the broker")),
            "the client saw the broker go away and come back:\n" + string.Join("\n", probe.Messages));
        ParquetRows.AssertSame(broker.ReferenceRun, RunFolder(output.Path, "broker-restart"));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_without_redoing_finished_units()
    {
        using var silos = new SiloProcesses(broker.Broker, 2, Slow);
        using var output = new TempFolder();
        using var interrupt = new CancellationTokenSource();
        var first = new ProgressProbe();
        var run = Run(output.Path, "resumed", first, silos, ct: interrupt.Token);
        await first.UnitsDone(4).WaitAsync(Deadline);
        interrupt.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));

        var second = new ProgressProbe();
        await Run(output.Path, "resumed", second, silos, resume: true);

        var resuming = Assert.Single(second.Messages, m => m.StartsWith("resuming:", StringComparison.Ordinal));
        int already = int.Parse(resuming.Split(' ')[1]);
        Assert.True(already >= 4, resuming);
        var staged = Assert.Single(second.Messages, m => m.StartsWith("staged ", StringComparison.Ordinal));
        int total = int.Parse(resuming.Split(' ')[3]);
        Assert.Contains($"({total - already} units)", staged); // only the missing units were sent to the silos
        ParquetRows.AssertSame(broker.ReferenceRun, RunFolder(output.Path, "resumed"));
    }

    private async Task<RunResult> Run(string output, string runId, ProgressProbe probe, SiloProcesses silos, bool resume = false, CancellationToken ct = default)
    {
        var store = new LocalFolderStore(output);
        var request = new RunRequest(ObjectStores.Open(broker.Data.Path), store) { RunId = runId, Resume = resume };
        var engine = new RabbitMqEngine(new RabbitMqEngineOptions(BrokerEndpoints.Parse(broker.Broker), store, output, runId) { Resume = resume });
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Deadline);
        try
        {
            return await new RunCoordinator(engine, probe).RunAsync(request, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"run {runId} did not end within {Deadline.TotalMinutes} min; messages:\n{string.Join("\n", probe.Messages)}\n{silos.Logs()}");
        }
    }

    private static string RunFolder(string output, string runId) => Path.Combine(output, "runs", runId);
}
