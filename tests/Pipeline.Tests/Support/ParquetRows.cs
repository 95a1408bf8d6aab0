using Parquet;
using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Tests.Support;

/// <summary>A whole Parquet file read with Parquet.Net: its flat column names and every row as boxed values (strings as string, null as null).</summary>
public sealed record ParquetRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, int RowGroups, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Reads the file's columns (only those named in <paramref name="only"/>, if given).</summary>
    public static ParquetRows Read(string path, IReadOnlyCollection<string>? only = null)
    {
        using var file = File.OpenRead(path);
        return ReadAsync(file, only).GetAwaiter().GetResult();
    }

    public static async Task<ParquetRows> ReadAsync(Stream input, IReadOnlyCollection<string>? only = null)
    {
        await using var reader = await ParquetReader.CreateAsync(input);
        var fields = FlatColumns.Of(reader.Schema).Where(f => only is null || only.Contains(f.Name)).ToList();
        var rows = new List<object?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var columns = new ColumnValues[fields.Count];
            for (int c = 0; c < fields.Count; c++) columns[c] = await ColumnReader.ReadAsync(group, input, fields[c]);
            for (int r = 0; r < group.RowCount; r++) rows.Add([.. columns.Select(c => c.GetValue(r))]);
        }
        return new ParquetRows([.. fields.Select(f => f.Name)], rows, reader.RowGroupCount, reader.CustomMetadata);
    }
}
