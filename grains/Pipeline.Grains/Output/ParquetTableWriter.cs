using Pipeline.Parquet;
using Pipeline.Storage;

namespace Pipeline.Grains.Output;

/// <summary>
/// Writes an output table's rows as Parquet parts <c>TABLE/part-00000.parquet</c>, … under a run folder of an
/// <see cref="IObjectStore"/>. Each part is encoded into a local temporary file (bounded memory: one row group at
/// a time) and then stored with one write, so a reader never sees half a part.
/// </summary>
public sealed class ParquetTableWriter(IObjectStore store, string runPrefix, ParquetWriterOptions options, long rowsPerPart = 10_000_000)
{
    public async Task<TableWriteResult> WriteAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, CancellationToken ct = default)
    {
        var files = new List<TableFile>();
        long written = 0;
        int part = 0;
        do
        {
            long count = Math.Min(rowsPerPart, rows.Count - written);
            var name = $"{runPrefix}/{table.Name}/part-{part:D5}.parquet";
            var bytes = await WritePartAsync(table, rows, (int)written, (int)count, name, ct).ConfigureAwait(false);
            files.Add(new TableFile(name[(runPrefix.Length + 1)..], count, bytes));
            written += count;
            part++;
        } while (written < rows.Count);
        return new TableWriteResult(table.Name, files);
    }

    private async Task<long> WritePartAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, int start, int count, string name, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}.parquet");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using (var writer = new ParquetFileWriter(file, table.Schema, options, leaveOpen: true))
                {
                    var columns = table.Columns;
                    for (int r = start; r < start + count; r++)
                    {
                        var row = rows[r];
                        for (int c = 0; c < columns.Count; c++) columns[c].Write(writer, c, row);
                        writer.EndRow();
                        if ((r & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                    }
                }
                file.Position = 0;
                var info = await store.WriteAsync(name, file, null, ct).ConfigureAwait(false);
                return info.Size;
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
