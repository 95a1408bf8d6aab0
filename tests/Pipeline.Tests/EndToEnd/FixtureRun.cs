using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.EndToEnd;

/// <summary>One embedded run of the committed NetworkX fixture (tests/fixtures/e2e), shared by the tests that read its output.</summary>
public sealed class FixtureRun : IAsyncLifetime
{
    public TempFolder Output { get; } = new();
    public RunResult Result { get; private set; } = null!;
    /// <summary>The metric tables the run computed (as the test engine kept them).</summary>
    public MetricTables Tables { get; private set; } = null!;
    public string RunFolder => System.IO.Path.Combine(Output.Path, "runs", Result.RunId);
    public static string InputFolder => Repo.Path("tests", "fixtures", "e2e", "input");
    public static string ExpectedFolder => Repo.Path("tests", "fixtures", "e2e", "expected");

    public async Task InitializeAsync()
    {
        var request = new RunRequest(new LocalFolderStore(InputFolder), new LocalFolderStore(Output.Path)) { RunId = "fixture-1" };
        var engine = new UnitByUnitEngine(2);
        Result = await new RunCoordinator(engine, NullRunObserver.Instance).RunAsync(request);
        Tables = engine.Tables!;
    }

    public Task DisposeAsync()
    {
        Output.Dispose();
        return Task.CompletedTask;
    }
}
