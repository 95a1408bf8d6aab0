using System.CommandLine;
using Pipeline.Client.Configuration;
using Pipeline.Client.Report;
using Pipeline.Storage;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>report [RUN_ID] [--output-store DIR_OR_URI] --output report.html</c>: a self-contained HTML page (inline SVG,
/// no network) of a finished run: clusters ranked by resilience and openness, value-chain position against
/// robustness, provinces compared, hub firms of the largest clusters. Default run: the one in <c>latest</c>.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var runId = new Argument<string?>("RUN_ID") { Description = "Run to report on (default: the run in OUTPUT/latest)", Arity = ArgumentArity.ZeroOrOne };
        var store = new Option<string?>("--store") { Description = "Output store holding runs/ (folder or blob URI; default ./out, or Run:Output in appsettings.json)" };
        var output = new Option<string>("--output", "-o") { Description = "HTML file to write", DefaultValueFactory = _ => "report.html" };
        var command = new Command("report", "Write a self-contained HTML report (inline SVG charts) of a finished run") { runId, store, output };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var config = PipelineConfiguration.Load(new Dictionary<string, string?> { ["Run:Output"] = parse.GetValue(store) });
                var (id, html) = await ReportBuilder.BuildAsync(ObjectStores.Open(config.Output), parse.GetValue(runId), ct);
                var path = Path.GetFullPath(parse.GetValue(output)!);
                await File.WriteAllTextAsync(path, html, ct);
                System.Console.WriteLine($"Report of run {id}: {path} ({new FileInfo(path).Length:N0} bytes)");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or ObjectNotFoundException or InvalidDataException)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
