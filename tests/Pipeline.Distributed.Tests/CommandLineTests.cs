using Pipeline.Client.Commands;
using Pipeline.Distributed.Tests.Support;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary><c>run --engine rabbitmq</c>, <c>status</c> and <c>run --resume</c> through the real command line, with real silos.</summary>
[Collection(BrokerCollection.Name)]
public sealed class CommandLineTests(BrokerFixture broker)
{
    private static Task<int> Cli(params string[] args) => Pipeline.Client.Program.Main(args);

    [Fact]
    public async Task Run_on_silos_then_status_then_resume_of_a_finished_run()
    {
        using var silos = new SiloProcesses(broker.Broker, 2);
        using var output = new TempFolder();
        Assert.Equal(ExitCodes.Ok, await Cli("run", "--engine", "rabbitmq", "--broker", broker.Broker, "--input", broker.Data.Path,
            "--output", output.Path, "--run-id", "cli", "--plain"));
        ParquetRows.AssertSame(broker.ReferenceRun, Path.Combine(output.Path, "runs", "cli"));

        Assert.Equal(ExitCodes.Ok, await Cli("status", "cli", "--output", output.Path));
        Assert.Equal(ExitCodes.Ok, await Cli("status", "--output", output.Path));
        Assert.Equal(ExitCodes.BadInput, await Cli("status", "nope", "--output", output.Path));
        // A finished run has nothing to resume (its working files are gone and its manifest is published).
        Assert.Equal(ExitCodes.BadInput, await Cli("run", "--resume", "cli", "--broker", broker.Broker, "--output", output.Path, "--plain"));
    }

    [Fact]
    public async Task A_missing_broker_or_a_SAS_output_is_a_bad_argument()
    {
        using var output = new TempFolder();
        var saved = Environment.GetEnvironmentVariable("PIPELINE_BROKER");
        Environment.SetEnvironmentVariable("PIPELINE_BROKER", null);
        try
        {
            Assert.Equal(ExitCodes.BadInput, await Cli("run", "--engine", "rabbitmq", "--input", broker.Data.Path, "--output", output.Path, "--plain"));
            Assert.Equal(ExitCodes.BadInput, await Cli("run", "--engine", "rabbitmq", "--broker", "http://not-amqp", "--input", broker.Data.Path, "--output", output.Path, "--plain"));
            Assert.Equal(ExitCodes.BadInput, await Cli("run", "--engine", "rabbitmq", "--broker", broker.Broker, "--input", broker.Data.Path,
                "--output", "https://acct.blob.core.windows.net/c/p?sv=x&sig=secret", "--plain"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PIPELINE_BROKER", saved);
        }
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }
}
