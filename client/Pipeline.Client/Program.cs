using System.CommandLine;
using Pipeline.Client.Commands;

namespace Pipeline.Client;

/// <summary>The <c>pipeline</c> command line: run, generate.</summary>
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
        };
        return root.Parse(args).InvokeAsync();
    }
}
