using System.CommandLine;
using Pipeline.Generator;

namespace Pipeline.Client.Commands;

/// <summary><c>generate --preset sample|region|national --seed N --output DIR [--bad-rows N]</c>: writes a synthetic national data set in the contract's input schema.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "sample (a few thousand firms), region (~200,000) or national (~10 million firms, ~60 million links)", DefaultValueFactory = _ => "sample" };
        preset.AcceptOnlyFromAmong("sample", "region", "national");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generator: the same seed writes the same bytes", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--output", "-o") { Description = "Folder to write clusters.csv, firms.csv, links.csv, firm_years.csv into", Required = true };
        var badRows = new Option<int>("--bad-rows") { Description = "Also write this many invalid rows of known kinds (to see quarantine at work)", DefaultValueFactory = _ => 0 };
        var command = new Command("generate", "Generate a synthetic national data set of firms and inter-firm links (CSV, contract schema)") { preset, seed, output, badRows };
        command.SetAction((parse, ct) =>
        {
            var options = new GeneratorOptions(ParsePreset(parse.GetValue(preset)!), parse.GetValue(seed)) { BadRows = parse.GetValue(badRows) };
            var dir = parse.GetValue(output)!;
            var report = DatasetGenerator.Generate(options, dir, new Progress<GeneratorProgress>(p => { }), ct);
            System.Console.WriteLine($"Wrote {report.Clusters:N0} clusters, {report.Firms:N0} firms, {report.Links:N0} links, {report.FirmYears:N0} firm-years to {Path.GetFullPath(dir)} in {report.Elapsed.TotalSeconds:F1} s.");
            System.Console.WriteLine($"Σ n·m over clusters = {report.SumNTimesM:E3}");
            foreach (var (table, reasons) in report.BadRowsWritten)
                System.Console.WriteLine($"Bad rows in {table}: {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}"))}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    public static GeneratorPreset ParsePreset(string name) => name switch
    {
        "sample" => GeneratorPreset.Sample,
        "region" => GeneratorPreset.Region,
        "national" => GeneratorPreset.National,
        _ => throw new ArgumentException($"Unknown preset '{name}' (sample, region, national)."),
    };
}
