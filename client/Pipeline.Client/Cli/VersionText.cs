using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Pipeline.Client.Cli;

/// <summary>
/// <c>pipeline --version</c>: "pipeline 0.1.0 (commit 43cde1ffec7f)", from the informational version 0.1.0+COMMIT that
/// Directory.Build.props records (the commit is "unknown" in a build without one).
/// </summary>
public static class VersionText
{
    public static string Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        int plus = informational.IndexOf('+');
        return plus < 0 ? $"pipeline {informational} (commit unknown)" : $"pipeline {informational[..plus]} (commit {informational[(plus + 1)..]})";
    }

    public static void Install(RootCommand root) => root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parse)
        {
            System.Console.Out.WriteLine(Of(typeof(VersionText).Assembly));
            return 0;
        }
    }
}
