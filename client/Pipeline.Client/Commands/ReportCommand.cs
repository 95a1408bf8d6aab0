using System.CommandLine;
using Pipeline.Client.Cli;
using Pipeline.Client.Configuration;
using Pipeline.Client.Report;
using Pipeline.Storage;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>report [RUN_ID] [--output DIR_OR_URI] [--html report.html]</c>: a self-contained HTML page (inline SVG, no
/// network) of a finished run: clusters ranked by resilience and openness, value-chain position against robustness,
/// provinces compared, hub firms of the largest clusters. Default run: the one in <c>latest</c>. The old spelling
/// <c>--store STORE --output FILE</c> still works for one release (see <see cref="Resolve"/>).
/// </summary>
public static class ReportCommand
{
    public const string DefaultHtml = "report.html";

    /// <summary>Where the report reads runs from (null: the configured default) and the HTML file it writes.</summary>
    public sealed record Targets(string? Store, string Html);

    public static Command Create()
    {
        var runId = new Argument<string?>("RUN_ID") { Description = "Run to report on (default: the run in OUTPUT/latest)", Arity = ArgumentArity.ZeroOrOne };
        var output = CliOptions.OutputStore();
        var html = new Option<string?>("--html") { Description = $"HTML file to write (default {DefaultHtml})", HelpName = "FILE" };
        var store = CliOptions.DeprecatedStore();
        var command = new Command("report", "Write a self-contained HTML report (inline SVG charts) of a finished run") { runId, output, html, store };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var targets = Resolve(parse.GetValue(output), parse.GetValue(store), parse.GetValue(html), Deprecation.Warn);
                var config = PipelineConfiguration.Load(new Dictionary<string, string?> { ["Run:Output"] = targets.Store });
                var (id, page) = await ReportBuilder.BuildAsync(ObjectStores.Open(config.Output), parse.GetValue(runId), ct);
                var path = Path.GetFullPath(targets.Html);
                await File.WriteAllTextAsync(path, page, ct);
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

    /// <summary>
    /// Reads <c>--output</c>, <c>--html</c> and the deprecated <c>--store</c> the way both spellings meant them
    /// (<paramref name="deprecated"/> gets (old, replacement) for each old form used):
    /// <list type="bullet">
    /// <item><c>--store</c> given (old form): it is the store, and <c>--output</c> is the HTML file as it was; <c>--output</c>
    /// and <c>--html</c> together with <c>--store</c> is ambiguous, an error.</item>
    /// <item>no <c>--store</c>, no <c>--html</c>, and <c>--output</c> ends in <c>.html</c>/<c>.htm</c>: the old
    /// <c>report --output report.html</c> (a store is a folder or a blob URI, never an .html file): the HTML file, store the default.</item>
    /// <item>otherwise (new form): <c>--output</c> is the store and <c>--html</c> the file (default report.html).</item>
    /// </list>
    /// </summary>
    public static Targets Resolve(string? output, string? store, string? html, Action<string, string> deprecated)
    {
        if (store is not null)
        {
            if (output is not null && html is not null)
                throw new ArgumentException("--store with --output and --html is ambiguous (with the deprecated --store, --output is the HTML file); give --output STORE --html FILE.");
            if (output is null) deprecated("--store", "--output (-o)");
            else deprecated("report --store STORE --output FILE", "report --output STORE --html FILE");
            return new Targets(store, html ?? output ?? DefaultHtml);
        }
        if (html is null && output is not null && IsHtmlFile(output))
        {
            deprecated($"--output {output} for the HTML file", $"--html {output} (--output is now the store)");
            return new Targets(null, output);
        }
        return new Targets(output, html ?? DefaultHtml);
    }

    private static bool IsHtmlFile(string path) =>
        path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase);
}
