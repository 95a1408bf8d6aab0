using Pipeline.Generator;
using Pipeline.Grains.Input;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Work;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// What crosses machines: units are named by their content, and a unit computed from its staged (encoded,
/// decoded) input gives the very bytes of the unit computed from the in-memory input.
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

    [Fact]
    public void Unit_keys_name_a_units_content()
    {
        var input = Sample.Value;
        var context = UnitContextCodec.Encode(input.Context);
        var clusters = input.Plan.OfType<ClusterUnit>().ToList();
        var keys = clusters.Select(c => UnitKeys.ForCluster(c.UnitId, input.ClusterInput(c.Cluster), context)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys, clusters.Select(c => UnitKeys.ForCluster(c.UnitId, input.ClusterInput(c.Cluster), context))); // same content, same key
        // An input staged to the work store is keyed from the very bytes written there: the same key.
        Assert.Equal(keys, clusters.Select(c => UnitKeys.ForEncodedCluster(WorkItemInputCodec.EncodeCluster(c.UnitId, input.ClusterInput(c.Cluster)), context)));

        // Any change of its input or of the run's settings gives another key.
        var first = input.ClusterInput(clusters[0].Cluster);
        var heavier = new ClusterUnitInput
        {
            Cluster = first.Cluster, Firms = first.Firms, Links = (ClusterLink[])[first.Links.Span[0] with { Weight = first.Links.Span[0].Weight + 1 }, .. first.Links.Span[1..]],
            BoundaryWeight = first.BoundaryWeight, BoundaryForeignWeight = first.BoundaryForeignWeight, BoundarySupplyInWeight = first.BoundarySupplyInWeight,
            EmploymentByYear = first.EmploymentByYear,
        };
        Assert.NotEqual(keys[0], UnitKeys.ForCluster(clusters[0].UnitId, heavier, context));
        var otherSettings = UnitContextCodec.Encode(input.Context with { Settings = input.Context.Settings with { BetweennessPivots = 33 } });
        Assert.NotEqual(keys[0], UnitKeys.ForCluster(clusters[0].UnitId, first, otherSettings));
        Assert.NotEqual(UnitKeys.ForPartition("abc", 0, 3, context), UnitKeys.ForPartition("abd", 0, 3, context));
        Assert.NotEqual(UnitKeys.ForPartition("abc", 0, 3, context), UnitKeys.ForPartition("abc", 1, 3, context));
    }

    [Fact]
    public void A_unit_computed_from_its_staged_input_writes_the_bytes_of_the_in_memory_unit()
    {
        var input = Sample.Value;
        var context = UnitContextCodec.Decode(new MemoryStream(UnitContextCodec.Encode(input.Context)));
        var country = CountryIndexCodec.Decode(new MemoryStream(CountryIndexCodec.Encode(input)));
        Assert.Equal(input.Context.AsOfYear, context.AsOfYear);
        Assert.Equal(input.Context.Settings, context.Settings);

        foreach (var units in input.Plan.Chunk(8))
        {
            var staged = WorkItemInputCodec.Decode(new MemoryStream(WorkItemInputCodec.Encode(input, units)));
            Assert.Equal(units.Select(u => u.UnitId), staged.Select(u => u.UnitId));

            var direct = Outputs(units.Select(u => u switch
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

    [Fact]
    public void A_silo_drops_the_stores_of_runs_no_unit_has_opened_lately_but_never_an_in_memory_one()
    {
        using var folder = new TempFolder();
        using var stores = new RunWorkStores(ObjectStores.Open);
        var stored = stores.Open(folder.Path, "finished-run");
        var embedded = stores.Open(RunWorkStores.MemoryLocation, "embedded-run");
        Assert.Same(stored, stores.Open(folder.Path, "finished-run"));

        stores.DropIdle(TimeSpan.FromHours(1)); // opened just now: kept
        Assert.Equal(2, stores.Count);
        stores.DropIdle(TimeSpan.Zero);
        Assert.Equal(1, stores.Count);
        Assert.NotSame(stored, stores.Open(folder.Path, "finished-run")); // a late unit reads the run's files again
        Assert.Same(embedded, stores.Open(RunWorkStores.MemoryLocation, "embedded-run"));
    }

    [Fact]
    public void A_coordinators_store_is_never_dropped_for_being_idle_only_when_released()
    {
        using var folder = new TempFolder();
        using var stores = new RunWorkStores(ObjectStores.Open);
        var held = stores.Hold(folder.Path, "running");
        Assert.Same(held, stores.Open(folder.Path, "running")); // its own units open the same store

        stores.DropIdle(TimeSpan.Zero);
        Assert.Same(held, stores.Open(folder.Path, "running")); // one giant unit may compute for minutes: the kept inputs stay
        stores.Release(folder.Path, "running");
        Assert.Equal(0, stores.Count);
    }

    private static WorkItemOutput Outputs(IEnumerable<(string UnitId, object Output)> outputs)
    {
        var list = outputs.ToList();
        return new WorkItemOutput(
            [.. list.Where(o => o.Output is ClusterUnitOutput).Select(o => (o.UnitId, (ClusterUnitOutput)o.Output))],
            [.. list.Where(o => o.Output is FirmPartitionOutput).Select(o => (o.UnitId, (FirmPartitionOutput)o.Output))]);
    }
}
