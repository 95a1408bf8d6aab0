using Pipeline.Parquet;
using Pipeline.Storage;

namespace Pipeline.Grains.Output;

/// <summary>
/// Writes an output table's rows as Parquet parts <c>TABLE/part-00000.parquet</c>, … under a run folder of an
/// <see cref="IObjectStore"/> — or, for a partitioned table, <c>TABLE/province=…/part-00000.parquet</c> per value, rows
/// keeping their key order within each folder. Each part is encoded into a local temporary file (bounded memory: one
/// row group at a time) and then stored with one write, so a reader never sees half a part.
/// </summary>
public sealed class ParquetTableWriter(IObjectStore store, string runPrefix, ParquetWriterOptions options, long rowsPerPart = 10_000_000)
{
    public async Task<TableWriteResult> WriteAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, CancellationToken ct = default)
    {
        var files = new List<TableFile>();
        if (table.PartitionColumn is not { } by)
        {
            var all = new int[rows.Count];
            for (int i = 0; i < all.Length; i++) all[i] = i;
            await WriteFolderAsync(table, rows, all, $"{table.Name}", files, ct).ConfigureAwait(false);
            return new TableWriteResult(table.Name, files);
        }

        // Row positions grouped by partition value (ordinal order of values; key order kept within a value).
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        var text = by.Text!;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var folder = OutputTable<TRow>.PartitionFolder(by.Name, text(in row));
            if (!groups.TryGetValue(folder, out var list)) groups[folder] = list = [];
            list.Add(i);
        }
        foreach (var (folder, list) in groups)
            await WriteFolderAsync(table, rows, list, $"{table.Name}/{folder}", files, ct).ConfigureAwait(false);
        return new TableWriteResult(table.Name, files);
    }

    /// <summary>Writes the rows at <paramref name="positions"/> as parts of one folder (at least one part, maybe empty).</summary>
    private async Task WriteFolderAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, IReadOnlyList<int> positions, string folder,
        List<TableFile> files, CancellationToken ct)
    {
        long written = 0;
        int part = 0;
        do
        {
            int count = (int)Math.Min(rowsPerPart, positions.Count - written);
            var name = $"{runPrefix}/{folder}/part-{part:D5}.parquet";
            var bytes = await WritePartAsync(table, rows, positions, (int)written, count, name, ct).ConfigureAwait(false);
            files.Add(new TableFile(name[(runPrefix.Length + 1)..], count, bytes));
            written += count;
            part++;
        } while (written < positions.Count);
    }

    private async Task<long> WritePartAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, IReadOnlyList<int> positions, int start, int count,
        string name, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}.parquet");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using (var writer = new ParquetFileWriter(file, table.FileSchema, options, leaveOpen: true))
                {
                    var columns = table.FileColumns;
                    for (int k = start; k < start + count; k++)
                    {
                        var row = rows[positions[k]];
                        for (int c = 0; c < columns.Count; c++) columns[c].Write(writer, c, row);
                        writer.EndRow();
                        if ((k & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
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
