using System.Text.RegularExpressions;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cli;

/// <summary>The JSON/TSV fields the README documents (its "JSON and TSV fields" table: field, runs, status, meaning).</summary>
public static partial class ReadmeFields
{
    public static IReadOnlyList<string> Of(string command)
    {
        var lines = File.ReadAllLines(Repo.Path("README.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("#### JSON and TSV fields", StringComparison.Ordinal));
        if (start < 0) throw new InvalidOperationException("README.md has no '#### JSON and TSV fields' section.");
        var header = lines.Skip(start).First(l => l.StartsWith('|')).Split('|').Select(c => c.Trim()).ToList();
        int column = header.IndexOf($"`{command}`");
        var fields = new List<string>();
        foreach (var line in lines.Skip(start).SkipWhile(l => !l.StartsWith('|')).Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToList();
            if (cells[column] == "✓") fields.Add(FieldName().Match(cells[1]).Groups[1].Value);
        }
        return fields;
    }

    [GeneratedRegex("^`([a-z_]+)`$")]
    private static partial Regex FieldName();
}
