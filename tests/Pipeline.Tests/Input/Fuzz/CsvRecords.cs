using System.Text;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// A quote-free CSV file as lines of fields, for mutations that work on columns and rows; and independent line
/// counts, to check that no row was lost.
/// </summary>
public sealed class CsvRecords
{
    public CsvRecords(byte[] file)
    {
        var lines = Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Header = lines[0].Split(',');
        Rows = [.. lines.Skip(1).Select(l => l.Split(','))];
    }

    private CsvRecords(string[] header, List<string[]> rows) { Header = header; Rows = rows; }

    public string[] Header { get; }
    public List<string[]> Rows { get; }

    public CsvRecords Copy() => new((string[])Header.Clone(), [.. Rows.Select(r => (string[])r.Clone())]);

    public int Column(string name) => Array.IndexOf(Header, name);

    public byte[] ToBytes(string lineEnd = "\n", Func<string, string>? field = null)
    {
        var sb = new StringBuilder();
        foreach (var line in Rows.Prepend(Header))
            sb.AppendJoin(',', field is null ? line : line.Select(field)).Append(lineEnd);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Non-empty lines (CR, LF or CRLF ends) after the first: the rows a file means to hold, whatever its quotes.</summary>
    public static long DataLines(byte[] file) => Math.Max(0, LineBreaks(file, countEmpty: false) - 1);

    /// <summary>Line ends in a text (CRLF counts once), e.g. inside a quarantined row's raw text.</summary>
    public static long LineBreaks(string text) => LineBreaks(Encoding.UTF8.GetBytes(text), countEmpty: true) - (text.Length > 0 && text[^1] is not ('\n' or '\r') ? 1 : 0);

    /// <summary>Lines of a file (a last line without a line end counts); empty lines only when <paramref name="countEmpty"/>.</summary>
    private static long LineBreaks(byte[] file, bool countEmpty)
    {
        long lines = 0;
        bool content = false;
        for (int i = 0; i < file.Length; i++)
        {
            byte b = file[i];
            if (b == '\n' || b == '\r')
            {
                if (content || countEmpty) lines++;
                content = false;
                if (b == '\r' && i + 1 < file.Length && file[i + 1] == '\n') i++;
            }
            else content = true;
        }
        if (content) lines++;
        return lines;
    }
}
