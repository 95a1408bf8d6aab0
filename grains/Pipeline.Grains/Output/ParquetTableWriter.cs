using Pipeline.Storage;

namespace Pipeline.Grains.Output;

/// <summary>
/// Writes an output table's rows as Parquet parts under a run folder of an <see cref="IObjectStore"/>, as
/// <see cref="OutputParts"/> plans them (<c>TABLE/part-00000.parquet</c>, or one Hive folder per partition value).
/// Parquet.Net encodes a file on one thread, so independent files — Hive partitions, parts — are written in parallel on
/// every core, largest first. Each part is encoded into a local temporary file (memory bounded by one row group per
/// writer) and then stored with one write, so a reader never sees half a part.
/// </summary>
public sealed class ParquetTableWriter(IObjectStore store, string runPrefix, PartFormat format, long rowsPerPart = 10_000_000)
{
    /// <summary>Files written at once (default: one per core).</summary>
    public int MaxParallelFiles { get; init; } = Environment.ProcessorCount;

    public async Task<TableWriteResult> WriteAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, CancellationToken ct = default)
    {
        var parts = OutputParts.Plan(table, rows, rowsPerPart);
        var files = new TableFile[parts.Count];
        var largestFirst = Enumerable.Range(0, parts.Count).OrderByDescending(i => parts[i].Positions.Length).ThenBy(i => i);
        await Parallel.ForEachAsync(largestFirst, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelFiles, CancellationToken = ct },
            async (i, token) => files[i] = await WritePartAsync(table, rows, parts[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return new TableWriteResult(table.Name, files);
    }

    private async Task<TableFile> WritePartAsync<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, OutputPart part, CancellationToken ct)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"pipeline-{Guid.NewGuid():N}.parquet");
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await ParquetPartWriter.WriteAsync(file, table, format, rows, part.Positions, ct).ConfigureAwait(false);
            file.Position = 0;
            var info = await store.WriteAsync($"{runPrefix}/{part.Name}", file, null, ct).ConfigureAwait(false);
            return new TableFile(part.Name, part.Positions.Length, info.Size);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
