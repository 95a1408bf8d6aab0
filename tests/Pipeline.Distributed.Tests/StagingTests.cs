using Pipeline.Generator;
using Pipeline.Grains.Input;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Silo.Staging;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// What crosses machines, without a broker: work items cover the plan exactly once, and a unit computed from its
/// staged (encoded, decoded) input gives the very bytes of the unit computed from the in-memory input.
/// </summary>
public sealed class StagingTests
{
    private static readonly Lazy<PartitionedInput> Sample = new(() =>
    {
        using var data = new TempFolder();
        DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 7), data.Path, null, CancellationToken.None);
        var read = DatasetReader.ReadAsync(ObjectStores.Open(data.Path), null, CancellationToken.None).GetAwaiter().GetResult();
        return new PartitionedInput(read.Dataset, new MetricSettings { BetweennessExactMaxFirms = 200, BetweennessPivots = 32, FirmPartitions = 3 });
    });

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(256)]
    public void Work_items_cover_the_plan_once_in_order_with_stable_names(int targetItems)
    {
        var plan = Sample.Value.Plan;
        var items = WorkPlanner.Group(plan, targetItems);

        Assert.Equal(plan.Select(u => u.UnitId), items.SelectMany(i => i.Units).Select(u => u.UnitId));
        Assert.Equal(items.Count, items.Select(i => i.Name).Distinct().Count());
        Assert.Equal(items.Select(i => i.Name), WorkPlanner.Group(plan, targetItems).Select(i => i.Name));
        double target = Math.Max(plan.Sum(u => u.Cost) / targetItems, plan.Min(u => u.Cost));
        foreach (var item in items.Where(i => i.Units.Count > 1))
            Assert.All(item.Units, u => Assert.True(u.Cost < target, $"{u.UnitId} (cost {u.Cost}) is at or above the item target {target} but shares item {item.Name}"));
    }

    [Fact]
    public void A_unit_computed_from_its_staged_input_writes_the_bytes_of_the_in_memory_unit()
    {
        var input = Sample.Value;
        var context = UnitContextCodec.Decode(new MemoryStream(UnitContextCodec.Encode(input.Context)));
        var country = CountryIndexCodec.Decode(new MemoryStream(CountryIndexCodec.Encode(input)));
        Assert.Equal(input.Context.AsOfYear, context.AsOfYear);
        Assert.Equal(input.Context.Settings, context.Settings);

        foreach (var item in WorkPlanner.Group(input.Plan, 8))
        {
            var staged = WorkItemInputCodec.Decode(new MemoryStream(WorkItemInputCodec.Encode(input, item.Units)));
            Assert.Equal(item.Units.Select(u => u.UnitId), staged.Select(u => u.UnitId));

            var direct = Outputs(item.Units.Select(u => u switch
            {
                ClusterUnit c => (u.UnitId, (object)ClusterComputation.Compute(input.ClusterInput(c.Cluster), input.Context)),
                FirmPartitionUnit p => (u.UnitId, FirmPartitionComputation.Compute(p.Partition, input.Country)),
                _ => throw new InvalidOperationException(),
            }));
            var remote = Outputs(staged.Select(u => u switch
            {
                StagedCluster c => (u.UnitId, (object)ClusterComputation.Compute(c.Input, context)),
                StagedPartition p => (u.UnitId, FirmPartitionComputation.Compute(p.Partition, country)),
                _ => throw new InvalidOperationException(),
            }));
            var bytes = WorkItemOutputCodec.Encode(remote);
            Assert.Equal(WorkItemOutputCodec.Encode(direct), bytes);
            Assert.Equal(bytes, WorkItemOutputCodec.Encode(WorkItemOutputCodec.Decode(new MemoryStream(bytes)))); // decode loses nothing
        }
    }

    private static WorkItemOutput Outputs(IEnumerable<(string UnitId, object Output)> outputs)
    {
        var list = outputs.ToList();
        return new WorkItemOutput(
            [.. list.Where(o => o.Output is ClusterUnitOutput).Select(o => (o.UnitId, (ClusterUnitOutput)o.Output))],
            [.. list.Where(o => o.Output is FirmPartitionOutput).Select(o => (o.UnitId, (FirmPartitionOutput)o.Output))]);
    }
}
