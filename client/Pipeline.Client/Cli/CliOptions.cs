using System.CommandLine;

namespace Pipeline.Client.Cli;

/// <summary>How a command prints records: a human table, one JSON document, or tab-separated values with a header row.</summary>
public enum OutputFormat { Table, Json, Tsv }

/// <summary>The options that mean the same thing in every command, so each concept has one name (see README, "Command line").</summary>
public static class CliOptions
{
    public const string StoreDescription = "Output store: folder or blob URI holding runs/ (default ./out, or Run:Output in appsettings.json)";

    /// <summary><c>--output</c>, <c>-o</c>: the output store, in every command that reads or writes one.</summary>
    public static Option<string?> OutputStore(string description = StoreDescription) => new("--output", "-o") { Description = description };

    /// <summary>The old <c>--store</c> spelling of <see cref="OutputStore"/> (runs, report): hidden, warns when used.</summary>
    public static Option<string?> DeprecatedStore() => new("--store") { Description = "Deprecated: use --output (-o)", Hidden = true };

    /// <summary><c>--format table|json|tsv</c> of commands that print records: read it with <see cref="FormatOf"/>.</summary>
    public static Option<string> Format()
    {
        var format = new Option<string>("--format")
        {
            Description = "table (for people), json (one document, snake_case fields, see README) or tsv (header row, tab-separated)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "tsv");
        return format;
    }

    public static OutputFormat FormatOf(ParseResult parse, Option<string> format) => parse.GetValue(format) switch
    {
        "json" => OutputFormat.Json,
        "tsv" => OutputFormat.Tsv,
        _ => OutputFormat.Table,
    };

    /// <summary>
    /// The store given by <c>--output</c>, or by the deprecated <c>--store</c> (with a note on stderr). Both with different
    /// values is an error (<see cref="ArgumentException"/>).
    /// </summary>
    public static string? Store(ParseResult parse, Option<string?> output, Option<string?> deprecatedStore)
    {
        var current = parse.GetValue(output);
        if (parse.GetResult(deprecatedStore) is null) return current;
        Deprecation.Warn("--store", "--output (-o)");
        var old = parse.GetValue(deprecatedStore);
        if (current is not null && old is not null && current != old)
            throw new ArgumentException($"--output '{current}' and --store '{old}' name different stores; give only --output.");
        return current ?? old;
    }
}
