using System.Text;

namespace Pipeline.Generator.Tests;

/// <summary>An independent RFC 4180 reader for the tests (quoted fields, doubled quotes, commas and line breaks inside quotes).</summary>
internal sealed class CsvTable
{
    public required string[] Header { get; init; }
    public required List<string[]> Rows { get; init; }

    public int Col(string name) => Array.IndexOf(Header, name) is var i and >= 0 ? i : throw new KeyNotFoundException(name);

    public static CsvTable Read(string path)
    {
        var text = File.ReadAllText(path, new UTF8Encoding(false, true));
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"') { if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; } else quoted = false; }
                else field.Append(c);
                continue;
            }
            if (c == '"') { quoted = true; any = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); any = true; }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row.ToArray()); row.Clear(); any = false; }
            else if (c != '\r') { field.Append(c); any = true; }
        }
        if (any) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
        return new CsvTable { Header = rows[0], Rows = rows.GetRange(1, rows.Count - 1) };
    }
}
