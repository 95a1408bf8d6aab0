namespace Pipeline.Tests.Input.Fuzz;

/// <summary>The quarantine reason codes of the contract (docs: /work/shared/contract.md, "quarantine" columns), spelled out here independently of the code.</summary>
public static class ContractReasons
{
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        "duplicate_id", "missing_field", "malformed_field", "unknown_enum", "unknown_firm", "unknown_cluster",
        "self_link", "non_positive_weight", "negative_value",
    };

    /// <summary>Longest message allowed for a run that stops on bad input.</summary>
    public const int MaxMessage = 4096;

    /// <summary>True when <paramref name="text"/> holds a .NET stack trace line.</summary>
    public static bool HasStackTrace(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^\s+at \S+.*\(.*\)", System.Text.RegularExpressions.RegexOptions.Multiline)
        || text.Contains("Exception:", StringComparison.Ordinal) && text.Contains("   at ", StringComparison.Ordinal);

    /// <summary>True when the message names one of the input table files (or its folder form).</summary>
    public static bool NamesAFile(string message) =>
        MutationCatalog.Tables.Any(t => message.Contains(t, StringComparison.Ordinal) || message.Contains($"'{Path.GetFileNameWithoutExtension(t)}'", StringComparison.Ordinal));
}
