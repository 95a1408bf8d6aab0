using Pipeline.Parquet;

namespace Pipeline.Tests.Support;

/// <summary>Small Parquet files written with our writer from rows of boxed values (null, long, int, double, bool, string).</summary>
public static class ParquetTestFile
{
    public static void Write(string path, ParquetSchema schema, int rowGroupRows, params object?[][] rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var w = new ParquetFileWriter(File.Create(path), schema, new ParquetWriterOptions { RowGroupMaxRows = rowGroupRows });
        foreach (var row in rows)
        {
            for (int c = 0; c < row.Length; c++)
                switch (row[c])
                {
                    case null: w.WriteNull(c); break;
                    case long l: w.WriteInt64(c, l); break;
                    case int i: w.WriteInt32(c, i); break;
                    case double d: w.WriteDouble(c, d); break;
                    case bool b: w.WriteBoolean(c, b); break;
                    case string s: w.WriteString(c, s); break;
                    default: throw new ArgumentException($"No Parquet writer call for a {row[c]!.GetType().Name}.");
                }
            w.EndRow();
        }
    }
}
