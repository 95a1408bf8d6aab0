using System.Text;

namespace Pipeline.Grains.Input.Csv;

/// <summary>RFC 4180 encoding of values into one CSV line (used for the quarantine table's <c>raw</c> column).</summary>
public static class CsvText
{
    /// <summary>Appends <paramref name="value"/> to <paramref name="sb"/>, quoted when it holds a comma, quote or line break.</summary>
    public static void AppendField(StringBuilder sb, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(",\"\r\n") < 0) { sb.Append(value); return; }
        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"') sb.Append('"');
            sb.Append(c);
        }
        sb.Append('"');
    }

    /// <summary>Encodes fields as one CSV line (no line terminator).</summary>
    public static string Line(IEnumerable<string?> fields)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var f in fields)
        {
            if (!first) sb.Append(',');
            first = false;
            AppendField(sb, f);
        }
        return sb.ToString();
    }
}
