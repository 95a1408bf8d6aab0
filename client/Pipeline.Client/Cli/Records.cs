using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Client.Cli;

/// <summary>One field of a printed record: its stable snake_case name (JSON key, TSV header) and its value.</summary>
public sealed record Field<T>(string Name, Func<T, object?> Value);

/// <summary>
/// Machine-readable output of records with documented fields (README, "JSON fields"): JSON (an array for lists, one
/// object for one record; times ISO 8601 UTC, absent values <c>null</c>) or TSV (header row of the same names; absent
/// values empty; tabs and line breaks in values become spaces).
/// </summary>
public static class Records
{
    public static void WriteJsonArray<T>(TextWriter output, IReadOnlyList<Field<T>> fields, IEnumerable<T> rows) =>
        Write(output, w => { w.WriteStartArray(); foreach (var row in rows) Object(w, fields, row); w.WriteEndArray(); });

    public static void WriteJsonObject<T>(TextWriter output, IReadOnlyList<Field<T>> fields, T row) => Write(output, w => Object(w, fields, row));

    public static void WriteTsv<T>(TextWriter output, IReadOnlyList<Field<T>> fields, IEnumerable<T> rows)
    {
        output.WriteLine(string.Join('\t', fields.Select(f => f.Name)));
        foreach (var row in rows) output.WriteLine(string.Join('\t', fields.Select(f => Tsv(f.Value(row)))));
        output.Flush();
    }

    private static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) body(w);
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    private static void Object<T>(Utf8JsonWriter w, IReadOnlyList<Field<T>> fields, T row)
    {
        w.WriteStartObject();
        foreach (var f in fields)
        {
            w.WritePropertyName(f.Name);
            switch (f.Value(row))
            {
                case null: w.WriteNullValue(); break;
                case long v: w.WriteNumberValue(v); break;
                case int v: w.WriteNumberValue(v); break;
                case double v: w.WriteNumberValue(v); break;
                case DateTimeOffset v: w.WriteStringValue(Time(v)); break;
                case var v: w.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
            }
        }
        w.WriteEndObject();
    }

    private static string Tsv(object? value) => value switch
    {
        null => "",
        DateTimeOffset t => Time(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => (v.ToString() ?? "").Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' '),
    };

    /// <summary>ISO 8601 in UTC with a Z: 2026-11-24T02:00:00Z.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
