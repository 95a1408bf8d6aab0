using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// Every row group of a Parquet file held in memory (<see cref="ParquetBytes"/>), decoded column by column with
/// <see cref="ColumnReader"/>, the column chunks spread over up to <c>parallelism</c> threads. Each thread has its own
/// <see cref="ParquetReader"/> on its own stream over the same bytes (a reader is not thread-safe: its row groups share
/// one stream position); it takes the next (row group, column) chunk until none is left.
/// </summary>
public static class ParquetColumns
{
    /// <summary>The file's row counts per row group, and per row group the wanted flat columns (all of them when <paramref name="wanted"/> is null), in <see cref="Fields"/> order.</summary>
    public sealed record Table(IReadOnlyList<DataField> Fields, long[] RowGroupRows, ColumnValues[][] Columns, IReadOnlyDictionary<string, string> Metadata) : IDisposable
    {
        public long Rows => RowGroupRows.Sum();

        public void Dispose()
        {
            foreach (var group in Columns)
                foreach (var column in group) column?.Dispose();
        }
    }

    public static async Task<Table> ReadAsync(ParquetBytes file, IReadOnlyCollection<string>? wanted, int parallelism, CancellationToken ct = default)
    {
        var first = await Open(file, wanted, ct).ConfigureAwait(false);
        var groups = first.Reader.RowGroupCount;
        var rowCounts = new long[groups];
        var columns = new ColumnValues[groups][];
        for (int g = 0; g < groups; g++)
        {
            rowCounts[g] = first.Reader.OpenRowGroupReader(g).RowCount;
            columns[g] = new ColumnValues[first.Fields.Count];
        }
        int chunks = groups * first.Fields.Count, next = -1;
        var table = new Table(first.Fields, rowCounts, columns, first.Reader.CustomMetadata);
        try
        {
            var workers = new Task[Math.Clamp(Math.Min(parallelism, chunks), 1, 64)];
            for (int w = 0; w < workers.Length; w++)
            {
                var opened = w == 0 ? Task.FromResult(first) : null;
                workers[w] = Task.Run(async () =>
                {
                    var (reader, fields, stream) = await (opened ?? Open(file, wanted, ct)).ConfigureAwait(false);
                    await using var _ = reader;
                    for (int i; (i = Interlocked.Increment(ref next)) < chunks;)
                    {
                        ct.ThrowIfCancellationRequested();
                        int g = i / fields.Count, c = i % fields.Count;
                        columns[g][c] = await ColumnReader.ReadAsync(reader.OpenRowGroupReader(g), stream, fields[c], ct).ConfigureAwait(false);
                    }
                }, ct);
            }
            await Task.WhenAll(workers).ConfigureAwait(false);
            return table;
        }
        catch
        {
            table.Dispose();
            throw;
        }
    }

    private static async Task<(ParquetReader Reader, IReadOnlyList<DataField> Fields, Stream Stream)> Open(ParquetBytes file, IReadOnlyCollection<string>? wanted, CancellationToken ct)
    {
        var stream = file.OpenStream();
        var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: false, cancellationToken: ct).ConfigureAwait(false);
        var all = FlatColumns.Of(reader.Schema);
        var fields = new List<DataField>(all.Count);
        foreach (var f in all) if (wanted is null || wanted.Contains(f.Name)) fields.Add(f);
        return (reader, fields, stream);
    }
}
