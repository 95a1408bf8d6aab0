using System.CommandLine;
using Pipeline.Client.Commands;

namespace Pipeline.Client;

/// <summary>The <c>pipeline</c> command line: run, generate, report, schedule, runs, status, cancel.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Industrial-cluster network pipeline: firm, cluster and region network metrics as Parquet tables.")
        {
            RunCommand.Create(),
            GenerateCommand.Create(),
            ReportCommand.Create(),
            ScheduleCommand.Create(),
            RunsCommand.Create(),
            StatusCommand.Create(),
            CancelCommand.Create(),
        };
        // Signals are not handled here (System.CommandLine would end the process 2 s after one): `run` and `schedule`
        // stop gracefully on their own (TerminationSignals); the short commands end at once as usual.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
