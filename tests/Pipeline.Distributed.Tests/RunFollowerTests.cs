using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Silo.Broker;
using Pipeline.Silo.Engines;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// The client side of a distributed run turns silo completion events into unit reports (→ unit spans and metrics in
/// the run's trace): one per unit, with the silo as host and the item's duration, never twice for a redelivered item.
/// </summary>
public class RunFollowerTests
{
    private sealed class Recorder : IRunObserver
    {
        public readonly List<UnitReport> Units = [];
        public void StageStarted(RunStage stage, string detail) { }
        public void Progress(RunStage stage, long done, long total) { }
        public void StageFinished(RunStage stage, TimeSpan elapsed) { }
        public void Info(string message) { }
        public void UnitFinished(UnitReport report) { lock (Units) Units.Add(report); }
    }

    [Fact]
    public void Each_unit_is_reported_once_with_its_silo_and_the_items_duration()
    {
        UnitOfWork big = new ClusterUnit("cluster/A", 100, 0, "A", 40), small = new ClusterUnit("cluster/B", 10, 1, "B", 7),
            part = new FirmPartitionUnit("firm-partition/00000", 5, 0, 1);
        var observer = new Recorder();
        var follow = new RunFollower([big, small, part], observer);
        follow.Start();

        follow.Completed(new UnitEvent("r", "item-1", ["cluster/A"], UnitEvent.Done, "silo-x", 40, ComputeMs: 1500, StagingMs: 500));
        follow.Completed(new UnitEvent("r", "item-1", ["cluster/A"], UnitEvent.Done, "silo-y", 40, 1400, 400)); // redelivered: counted once
        follow.Completed(new UnitEvent("r", "item-2", ["cluster/B", "firm-partition/00000"], UnitEvent.Done, "silo-y", 57, 300, 100));

        Assert.True(follow.Complete);
        Assert.Equal(["cluster/A", "cluster/B", "firm-partition/00000"], observer.Units.Select(u => u.Unit.UnitId));
        var a = observer.Units[0];
        Assert.Equal("silo-x", a.Host);
        Assert.Equal(2000, a.Duration.TotalMilliseconds, 1);
        Assert.Equal((40, 41), (a.RowsIn, a.RowsOut));
        Assert.All(observer.Units.Skip(1), u => Assert.Equal("silo-y", u.Host));
        Assert.Equal((7, 8), (observer.Units[1].RowsIn, observer.Units[1].RowsOut));
        Assert.Null(a.Error);
    }
}
