using System.Diagnostics;
using System.Text.Json;
using Pipeline.Distributed.Tests.Support;
using Pipeline.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// Runs on real local Orleans clusters (infra/cluster.sh: Azurite + silo processes) through the real command line,
/// compared row for row (DuckDB, EXCEPT ALL both ways) with the embedded default: 1 and 3 silos, and faults during a
/// <c>region</c> run on 3 silos — a silo killed, a silo stopped past failure detection then continued, the following
/// client killed, the silo hosting the run's coordinator killed, a silo added mid-run, a unit that fails on every
/// attempt. Times from the fault to the run's end are written to the test output, never asserted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRunTests(ClusterData data, ITestOutputHelper log)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    private static string[] RunArgs(string input, string output, string runId, params string[] more) =>
        ["run", "--cluster", "--input", input, "--output", output, "--run-id", runId, "--plain", .. more];

    [Theory]
    [InlineData(1, "fixture")]
    [InlineData(3, "fixture")]
    [InlineData(3, "region")]
    public async Task Silos_give_the_rows_of_the_embedded_run(int silos, string dataset)
    {
        using var cluster = new LocalCluster(silos);
        using var output = new TempFolder();
        var r = await Cli.Ok(RunArgs(dataset == "region" ? data.Region : data.Fixture, output.Path, "on-silos"), cluster.ClientEnvironment);

        ParquetRows.AssertSame(data.ReferenceRun(dataset), Path.Combine(output.Path, "runs", "on-silos"));
        Assert.Contains("the run's coordinator is on silo silo-", r.Stdout);
        // The aggregation ran as a grain, on a silo of the cluster (another than the coordinator's when there is one).
        var aggregated = r.Stdout.Split('\n').Single(l => l.Contains("aggregated on silo silo-"));
        log.WriteLine(aggregated);
        if (silos > 1) Assert.DoesNotContain($"on silo silo-{CoordinatorSilo(r.Stdout)}:", aggregated);
        Assert.False(Directory.Exists(Path.Combine(output.Path, "runs", "on-silos", "_work")), "the working files are removed after the run");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "runs", "on-silos", "_manifest.json")));
        Assert.Equal("orleans", manifest.RootElement.GetProperty("engine").GetString());
        if (silos == 1)
        {
            // The coordinator of a finished run decides a new submission of its id as an embedded run would.
            var again = await Cli.Run(RunArgs(data.Fixture, output.Path, "on-silos"), cluster.ClientEnvironment);
            Assert.True(again.ExitCode == 3, again.Output);
            Assert.Contains("--replace", again.Stderr);
            var replaced = await Cli.Ok(RunArgs(data.Fixture, output.Path, "on-silos", "--replace"), cluster.ClientEnvironment);
            Assert.Contains("compute: ", replaced.Stdout); // computed again, not the old run's summary
            ParquetRows.AssertSame(data.ReferenceRun(dataset), Path.Combine(output.Path, "runs", "on-silos"));
        }
        if (silos == 3 && dataset == "region")
        {
            // Dispatch is balanced: every silo computed units.
            var spread = r.Stdout.Split('\n').Single(l => l.Contains("units per silo"));
            log.WriteLine(spread);
            for (int n = 1; n <= 3; n++) Assert.Contains($"silo-{n} ", spread);
            // Each silo's units held its workers for a measured time (the computation's, from the unit grains).
            var busy = System.Text.RegularExpressions.Regex.Matches(spread, @"silo-\d+ [\d,]+ \((\d+\.\d) s\)");
            Assert.Equal(3, busy.Count);
            Assert.All(busy, m => Assert.True(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, spread));
            // Firm partitions ran on the coordinator's silo, from its memory: the country index never went to storage.
            Assert.Contains("the country index kept in the coordinator's memory only", spread);
            // Three silos computing on two cores starve each other of CPU: none may miss its liveness probes.
            Assert.Empty(cluster.DeadSilos());
        }
    }

    [Fact]
    public Task A_silo_killed_mid_run_leaves_the_rows_unchanged() => WithFault("kill-silo", (cluster, run) =>
    {
        int n = OtherSilo(run);
        cluster.Signal(n, "KILL");
        return Task.FromResult(n);
    });

    [Fact]
    public Task A_silo_stopped_past_failure_detection_then_continued_leaves_the_rows_unchanged() => WithFault("stop-silo", async (cluster, run) =>
    {
        // Stopped until its peers declare it dead (a couple of seconds on a quiet machine, longer when the machine is
        // loaded: Orleans extends its probe timeouts while the probing silos themselves are slow), then continued.
        int n = OtherSilo(run);
        cluster.Signal(n, "STOP");
        var stopped = Stopwatch.StartNew();
        while (!cluster.DeadSilos().Contains($"silo-{n}"))
        {
            Assert.True(stopped.Elapsed < TimeSpan.FromMinutes(1), $"silo-{n} was stopped for a minute and not declared dead\n{cluster.Logs()}");
            await Task.Delay(250);
        }
        log.WriteLine($"stop-silo: silo-{n} declared dead {stopped.Elapsed.TotalSeconds:F1} s after SIGSTOP");
        await Task.Delay(TimeSpan.FromSeconds(2));
        cluster.Signal(n, "CONT");
        return n;
    });

    [Fact]
    public Task Killing_the_silo_of_the_runs_coordinator_leaves_the_rows_unchanged() => WithFault("kill-coordinator", (cluster, run) =>
    {
        int n = CoordinatorSilo(run);
        cluster.Signal(n, "KILL");
        return Task.FromResult(n);
    }, expectMoved: true);

    [Fact]
    public Task Killing_the_silo_running_the_aggregation_leaves_the_rows_unchanged() => WithFault("kill-aggregation", async (cluster, run) =>
    {
        // The aggregation sleeps 8 s before it computes (Silo:DelayUnit), long enough to be killed on its silo.
        var line = await run.Seen(l => l.Contains("the aggregation runs on silo silo-"), Deadline);
        int n = int.Parse(line[(line.LastIndexOf('-') + 1)..].Trim());
        cluster.Signal(n, "KILL");
        return n;
    }, siloSettings: new Dictionary<string, string> { ["DelayUnit"] = "aggregate", ["DelayMs"] = "8000" },
        // The coordinator notices the lost aggregation, unless the dead silo held the coordinator's own directory entry:
        // then the coordinator is deactivated with it and resumes elsewhere (docs/distributed.md), aggregating again.
        expectLine: l => l.Contains("the aggregation was lost") || l.Contains("the run's coordinator was started again"));

    [Fact]
    public async Task Killing_the_following_client_leaves_the_run_going_in_the_cluster()
    {
        using var cluster = new LocalCluster(3);
        using var output = new TempFolder();
        using var run = await ComputingRegionRun(cluster, output.Path, "client-killed");
        run.Kill();
        var fault = Stopwatch.StartNew();

        var manifest = Path.Combine(output.Path, "runs", "client-killed", "_manifest.json");
        while (!File.Exists(manifest))
        {
            Assert.True(fault.Elapsed < Deadline, $"the run did not finish in the cluster without its client:\n{cluster.Logs()}");
            await Task.Delay(500);
        }
        log.WriteLine($"client killed: the run finished in the cluster {fault.Elapsed.TotalSeconds:F1} s later");
        var status = await Cli.Ok(["status", "client-killed", "--output", output.Path]);
        Assert.Contains("finished", status.Stdout);
        ParquetRows.AssertSame(data.ReferenceRun("region"), Path.Combine(output.Path, "runs", "client-killed"));
    }

    [Fact]
    public async Task A_silo_added_mid_run_takes_work()
    {
        using var cluster = new LocalCluster(1, new Dictionary<string, string> { ["DelayMs"] = "300" });
        using var output = new TempFolder();
        using var run = await ComputingRegionRun(cluster, output.Path, "added");
        cluster.Add(1);
        Assert.Equal(0, await run.ExitAsync(Deadline));
        var spread = run.Output.Split('\n').Single(l => l.Contains("units per silo"));
        log.WriteLine(spread);
        Assert.Contains("silo-2 ", spread);
        ParquetRows.AssertSame(data.ReferenceRun("region"), Path.Combine(output.Path, "runs", "added"));
    }

    [Theory]
    [InlineData("cluster/ZJ-WZ-SHOES")]
    [InlineData("firm-partition/00000")] // first on the coordinator's silo, then dispatched again to any silo: the country index goes to storage
    public async Task A_unit_that_fails_on_every_attempt_fails_the_run_and_publishes_nothing(string poison)
    {
        using var cluster = new LocalCluster(2, new Dictionary<string, string> { ["FailUnit"] = poison });
        using var output = new TempFolder();
        var r = await Cli.Run(RunArgs(data.Fixture, output.Path, "poison"), cluster.ClientEnvironment);

        Assert.True(r.ExitCode == 1, r.Output);
        Assert.Contains(poison, r.Stderr);
        Assert.Contains("fault injected", r.Stderr);
        Assert.Contains("3 attempts", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")), "a failed run must not move latest");
        Assert.False(File.Exists(Path.Combine(output.Path, "runs", "poison", "_manifest.json")));
        using var status = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "runs", "poison", "_status.json")));
        Assert.Equal("failed", status.RootElement.GetProperty("state").GetString());
        Assert.Contains(poison, status.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Azurite_killed_and_restarted_mid_run_gives_a_finished_run_or_a_clean_failure()
    {
        using var cluster = new LocalCluster(3);
        using var output = new TempFolder();
        using var run = await ComputingRegionRun(cluster, output.Path, "storage-restart");
        cluster.RestartAzurite(TimeSpan.FromSeconds(3));
        var clock = Stopwatch.StartNew();
        int exit = await run.ExitAsync(Deadline);
        log.WriteLine($"azurite restarted: the run ended with exit {exit} {clock.Elapsed.TotalSeconds:F1} s after the restart");
        var folder = Path.Combine(output.Path, "runs", "storage-restart");
        if (exit == 0)
        {
            ParquetRows.AssertSame(data.ReferenceRun("region"), folder);
            return;
        }
        Assert.True(exit == 1, $"{run.Output}\n{cluster.Logs()}");
        Assert.False(File.Exists(Path.Combine(folder, "_manifest.json")), "a failed run published its manifest");
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")), "a failed run moved latest");
    }

    [Fact]
    public async Task A_detached_run_can_be_cancelled_and_publishes_nothing()
    {
        using var cluster = new LocalCluster(2, new Dictionary<string, string> { ["DelayMs"] = "200" });
        using var output = new TempFolder();
        var accepted = await Cli.Ok(RunArgs(data.Region, output.Path, "detached", "--detach"), cluster.ClientEnvironment);
        Assert.Equal("detached", accepted.Stdout.Trim().Split('\n')[^1]);

        var status = Path.Combine(output.Path, "runs", "detached", "_status.json");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(status) || !File.ReadAllText(status).Contains("\"compute\""))
        {
            Assert.True(clock.Elapsed < Deadline, $"the detached run did not reach compute:\n{cluster.Logs()}");
            await Task.Delay(300);
        }
        var cancelled = await Cli.Ok(["cancel", "detached", "--cluster", "--output", output.Path], cluster.ClientEnvironment);
        Assert.Contains("cancelled", cancelled.Stdout);

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(status));
        Assert.Equal("failed", doc.RootElement.GetProperty("state").GetString());
        Assert.StartsWith("cancelled", doc.RootElement.GetProperty("error").GetString());
        Assert.False(File.Exists(Path.Combine(output.Path, "runs", "detached", "_manifest.json")));
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));
        var again = await Cli.Run(["cancel", "detached", "--cluster", "--output", output.Path], cluster.ClientEnvironment);
        Assert.Equal(2, again.ExitCode); // no longer running
    }

    [Fact]
    public async Task Cluster_without_configuration_is_a_clear_error()
    {
        using var output = new TempFolder();
        var r = await Cli.Run(RunArgs(data.Fixture, output.Path, "nowhere"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", r.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    /// <summary>A region run on <paramref name="cluster"/>, followed from the moment it reports compute progress.</summary>
    private async Task<FollowedRun> ComputingRegionRun(LocalCluster cluster, string output, string runId)
    {
        var run = new FollowedRun(RunArgs(data.Region, output, runId), cluster.ClientEnvironment);
        await run.Seen(l => l.Contains("compute: ") && l.Contains("units ("), Deadline);
        return run;
    }

    /// <summary>
    /// Starts a region run on 3 silos, applies <paramref name="fault"/> once 10 % of its units are done, and checks it
    /// still finishes with the embedded run's rows, and that the silo the fault hit (the number <paramref name="fault"/>
    /// returns), and only that one, was declared dead.
    /// </summary>
    private async Task WithFault(string runId, Func<LocalCluster, FollowedRun, Task<int>> fault, bool expectMoved = false,
        IReadOnlyDictionary<string, string>? siloSettings = null, Func<string, bool>? expectLine = null)
    {
        using var cluster = new LocalCluster(3, siloSettings);
        using var output = new TempFolder();
        using var run = new FollowedRun(RunArgs(data.Region, output.Path, runId), cluster.ClientEnvironment);
        await run.Seen(l => l.Contains("compute: ") && l.Contains("units (") && !l.Contains(" (0%)") && !l.Contains(" (1%)") && !l.Contains(" (2%)"), Deadline);
        var faulted = DateTime.UtcNow;
        int victim = await fault(cluster, run);
        var clock = Stopwatch.StartNew();
        int exit = await run.ExitAsync(Deadline);
        log.WriteLine($"{runId}: the run finished {(DateTime.UtcNow - faulted).TotalSeconds:F1} s after the fault, {clock.Elapsed.TotalSeconds:F1} s after the fault drill returned");
        foreach (var line in run.LinesSince(faulted, l => l.Contains(" lost (") || l.Contains("coordinator") || l.Contains("aggregat") || l.Contains("units done") || l.Contains("finished in")))
            log.WriteLine(line.Length > 200 ? line[..200] + "…" : line);
        Assert.True(exit == 0, $"{run.Output}\n{cluster.Logs()}");
        if (expectMoved) Assert.Contains("the run's coordinator moved to silo", run.Output);
        if (expectLine is not null) Assert.True(run.Output.Split('\n').Any(expectLine), $"the run did not say what the fault should make it say:\n{run.Output}");
        ParquetRows.AssertSame(data.ReferenceRun("region"), Path.Combine(output.Path, "runs", runId));
        Assert.Equal([$"silo-{victim}"], cluster.DeadSilos());
    }

    /// <summary>The silo number (1-based) hosting the run's coordinator, from the client's "coordinator is on silo silo-N" line.</summary>
    private static int CoordinatorSilo(FollowedRun run) => CoordinatorSilo(run.Output);

    private static int CoordinatorSilo(string output)
    {
        var line = output.Split('\n').First(l => l.Contains("the run's coordinator is on silo silo-"));
        return int.Parse(line[(line.LastIndexOf('-') + 1)..].Trim());
    }

    /// <summary>A silo that does not host the run's coordinator.</summary>
    private static int OtherSilo(FollowedRun run) => CoordinatorSilo(run) == 1 ? 2 : 1;
}
