using Parquet;
using Parquet.Schema;

namespace Pipeline.Tests.Support;

/// <summary>Small Parquet files written with Parquet.Net from rows of boxed values (null, long, int, double, bool, string).</summary>
public static class ParquetTestFile
{
    /// <summary>A schema of flat columns: <c>Field&lt;long&gt;("id")</c> is OPTIONAL unless <paramref name="required"/>.</summary>
    public static DataField Field<T>(string name, bool required = false) => new DataField<T>(name, nullable: !required);

    public static void Write(string path, ParquetSchema schema, int rowGroupRows, params object?[][] rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        WriteAsync(file, schema, rowGroupRows, rows).GetAwaiter().GetResult();
    }

    public static async Task WriteAsync(Stream output, ParquetSchema schema, int rowGroupRows, params object?[][] rows)
    {
        await using var writer = await ParquetWriter.CreateAsync(schema, output);
        var fields = schema.DataFields;
        for (int start = 0; start < rows.Length; start += rowGroupRows)
        {
            var group = rows[start..Math.Min(rows.Length, start + rowGroupRows)];
            using var rowGroup = writer.CreateRowGroup();
            for (int c = 0; c < fields.Length; c++)
            {
                var f = fields[c];
                var values = group.Select(r => r[c]).ToArray();
                if (f.ClrType == typeof(ReadOnlyMemory<char>)) await rowGroup.WriteAsync(f, values.Cast<string?>().ToArray());
                else if (f.ClrType == typeof(long)) await Column<long>(rowGroup, f, values);
                else if (f.ClrType == typeof(int)) await Column<int>(rowGroup, f, values);
                else if (f.ClrType == typeof(double)) await Column<double>(rowGroup, f, values);
                else if (f.ClrType == typeof(bool)) await Column<bool>(rowGroup, f, values);
                else throw new ArgumentException($"No Parquet writer call for a {f.ClrType.Name} column.");
            }
            rowGroup.CompleteValidate();
        }
    }

    private static Task Column<T>(ParquetRowGroupWriter rowGroup, DataField field, object?[] values) where T : struct =>
        field.IsNullable
            ? rowGroup.WriteAsync<T>(field, (ReadOnlyMemory<T?>)values.Select(v => (T?)v).ToArray())
            : rowGroup.WriteAsync<T>(field, (ReadOnlyMemory<T>)values.Select(v => (T)v!).ToArray());
}
