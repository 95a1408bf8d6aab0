using Pipeline.Grains.Input;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Work;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Xunit;

namespace Pipeline.Tests.Scenarios;

/// <summary>
/// What a cluster unit on a remote silo sees of scenarios goes through the work store's codecs: the run context (the
/// user scenarios), the cluster input (foreign flags, supply edges to outside firms) and the output (scenario rows and
/// their time). Each round trip gives the same rows as the unit computed in process (the scenario time, telemetry, is not stored).
/// </summary>
public class ScenarioCodecTests
{
    [Fact]
    public async Task Context_inputs_and_outputs_round_trip_through_the_work_store_codecs_with_the_same_scenario_rows()
    {
        var read = await DatasetReader.ReadAsync(new LocalFolderStore(FixtureRun.InputFolder));
        var settings = new MetricSettings { UserScenarios = ScenarioFile.Read(ScenarioFixtureTests.Paths("e2e").Scenarios) };
        var input = new PartitionedInput(read.Dataset, settings);

        var context = UnitContextCodec.Decode(new MemoryStream(UnitContextCodec.Encode(input.Context)));
        Assert.True(context.Settings.Scenarios);
        Assert.Equal(settings.UserScenarios.Select(s => (s.Name, string.Join(',', s.Firms))), context.Settings.UserScenarios.Select(s => (s.Name, string.Join(',', s.Firms))));

        int withOutsideSales = 0, rows = 0;
        for (int c = 0; c < read.Dataset.Clusters.Length; c++)
        {
            var original = input.ClusterInput(c);
            var decoded = Assert.IsType<StagedCluster>(Assert.Single(WorkItemInputCodec.Decode(new MemoryStream(WorkItemInputCodec.EncodeCluster("u", original))))).Input;
            Assert.Equal(original.OutsideSales.ToArray(), decoded.OutsideSales.ToArray());
            Assert.Equal(original.Firms.ToArray(), decoded.Firms.ToArray());
            Assert.Equal(original.Links.ToArray(), decoded.Links.ToArray());
            if (original.OutsideSales.Length > 0) withOutsideSales++;

            var here = ClusterComputation.Compute(original, input.Context);
            var there = ClusterComputation.Compute(decoded, context);
            Assert.Equal(here.Scenarios, there.Scenarios);
            var back = WorkItemOutputCodec.Decode(new MemoryStream(WorkItemOutputCodec.Encode(new WorkItemOutput([("u", there)], []))));
            var output = Assert.Single(back.Clusters).Output;
            Assert.Equal(there.Scenarios, output.Scenarios);
            Assert.Equal(0, output.ScenarioSeconds); // telemetry, not stored: re-executing a unit writes the same bytes
            rows += output.Scenarios.Length;
        }
        Assert.True(withOutsideSales >= 4);
        Assert.Equal(30, rows);
    }
}
