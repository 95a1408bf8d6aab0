namespace Pipeline.Parquet.Tests;

/// <summary>A table of every supported type with nulls, empty strings, unicode and extreme values, written row by row.</summary>
public sealed record TestRow(long Id, int? Small, double? Ratio, float F, bool? Flag, string? Name, string Key);

/// <summary>Generates <see cref="TestRow"/>s and writes/reads them with our writer and reader.</summary>
public static class TestRows
{
    public static readonly ParquetSchema Schema = new(
    [
        ParquetColumn.Int64("id"), ParquetColumn.Int32("small", required: false), ParquetColumn.Double("ratio", required: false),
        ParquetColumn.Float("f"), ParquetColumn.Boolean("flag", required: false), ParquetColumn.String("name", required: false),
        ParquetColumn.String("key"),
    ]);

    public static List<TestRow> Make(int n, int seed)
    {
        var rng = new Random(seed);
        string[] words = ["", "Wenzhou", "温州鞋业", "a,b\"c", "x\ny", "🙂 emoji", "\uE000private", "tab\tz"];
        var rows = new List<TestRow>(n);
        for (int i = 0; i < n; i++)
            rows.Add(new TestRow(
                i == 0 ? long.MinValue : i == 1 ? long.MaxValue : rng.NextInt64(-1_000_000_000_000, 1_000_000_000_000),
                rng.Next(5) == 0 ? null : i == 2 ? int.MinValue : i == 3 ? int.MaxValue : rng.Next(int.MinValue, int.MaxValue),
                rng.Next(4) == 0 ? null : i == 2 ? double.MaxValue : i == 3 ? -0.0 : i == 4 ? double.Epsilon : rng.NextDouble() * 1e6 - 5e5,
                i == 5 ? float.MinValue : (float)rng.NextDouble(),
                rng.Next(3) == 0 ? null : rng.Next(2) == 0,
                rng.Next(6) == 0 ? null : words[rng.Next(words.Length)] + (i % 7),
                $"k{i:D6}"));
        return rows;
    }

    public static string TempPath() => Path.Combine(Path.GetTempPath(), $"pq-{Guid.NewGuid():N}.parquet");

    public static string Write(List<TestRow> rows, ParquetWriterOptions options)
    {
        var path = TempPath();
        using var w = new ParquetFileWriter(File.Create(path), Schema, options);
        foreach (var r in rows) WriteRow(w, r);
        return path;
    }

    /// <summary>One row, nulls as nulls.</summary>
    public static void WriteRow(ParquetFileWriter w, TestRow r)
    {
        w.WriteInt64(0, r.Id);
        if (r.Small is { } s) w.WriteInt32(1, s); else w.WriteNull(1);
        if (r.Ratio is { } d) w.WriteDouble(2, d); else w.WriteNull(2);
        w.WriteFloat(3, r.F);
        if (r.Flag is { } b) w.WriteBoolean(4, b); else w.WriteNull(4);
        w.WriteString(5, r.Name);
        w.WriteString(6, r.Key);
        w.EndRow();
    }

    /// <summary>Reads every row of a file written from <see cref="Schema"/> with our reader.</summary>
    public static List<TestRow> Read(ParquetFileReader reader)
    {
        var rows = new List<TestRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var c = new ColumnData[7];
            for (int i = 0; i < 7; i++) c[i] = reader.ReadColumn(g, i);
            for (int r = 0; r < c[0].Count; r++)
                rows.Add(new TestRow(c[0].GetInt64(r), c[1].IsNull(r) ? null : c[1].GetInt32(r), c[2].IsNull(r) ? null : c[2].GetDouble(r),
                    c[3].GetFloat(r), c[4].IsNull(r) ? null : c[4].GetBoolean(r), c[5].IsNull(r) ? null : c[5].GetString(r), c[6].GetString(r)));
        }
        return rows;
    }
}
