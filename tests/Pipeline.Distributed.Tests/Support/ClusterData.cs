using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>
/// The data sets the cluster tests run on and their reference outputs from the embedded default: the committed fixture
/// and the generated <c>region</c> preset (132 clusters, 185,316 firms, 1.1 M links), each computed once by
/// <c>pipeline run</c> on its embedded silo.
/// </summary>
public sealed class ClusterData : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    public string Region => Path.Combine(_folder.Path, "region");
    public string Fixture => Repo.Path("tests", "fixtures", "e2e", "input");
    public string ReferenceOutput => Path.Combine(_folder.Path, "reference");
    public string ReferenceRun(string name) => Path.Combine(ReferenceOutput, "runs", name);

    public async Task InitializeAsync()
    {
        await Cli.Ok(["generate", "--preset", "region", "--seed", "7", "--output", Region]);
        await Cli.Ok(["run", "--input", Fixture, "--output", ReferenceOutput, "--run-id", "fixture", "--plain"]);
        await Cli.Ok(["run", "--input", Region, "--output", ReferenceOutput, "--run-id", "region", "--plain"]);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterData>
{
    /// <summary>One collection: the cluster tests run one after another (each starts its own cluster; two at once would only share two cores).</summary>
    public const string Name = "cluster";
}

/// <summary>The real command line as a child process.</summary>
public static class Cli
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    public static async Task<ProcessResult> Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        await PipelineProcess.RunAsync(args, environment, Deadline);

    public static async Task<ProcessResult> Ok(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var r = await Run(args, environment);
        Assert.True(r.ExitCode == 0, $"pipeline {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Output}");
        return r;
    }
}
