using Parquet;
using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Tests.Support;

/// <summary>A whole Parquet file read with Parquet.Net: its flat column names and every row as boxed values (strings as string, null as null).</summary>
public sealed record ParquetRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, int RowGroups, IReadOnlyDictionary<string, string> Metadata)
{
    public static ParquetRows Read(string path)
    {
        using var file = File.OpenRead(path);
        return ReadAsync(file).GetAwaiter().GetResult();
    }

    public static async Task<ParquetRows> ReadAsync(Stream input)
    {
        await using var reader = await ParquetReader.CreateAsync(input);
        var fields = FlatColumns.Of(reader.Schema);
        var rows = new List<object?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var columns = new ColumnValues[fields.Count];
            for (int c = 0; c < fields.Count; c++) columns[c] = await ColumnReader.ReadAsync(group, fields[c]);
            for (int r = 0; r < group.RowCount; r++) rows.Add([.. columns.Select(c => c.GetValue(r))]);
        }
        return new ParquetRows([.. fields.Select(f => f.Name)], rows, reader.RowGroupCount, reader.CustomMetadata);
    }
}
