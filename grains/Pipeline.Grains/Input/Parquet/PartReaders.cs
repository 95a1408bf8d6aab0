using Parquet;
using Parquet.Schema;
using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>
/// The Parquet.Net readers of one open input part: the part's first reader, plus — for a row group of several columns —
/// up to one more per core, each on its own stream of the part (a reader is not thread-safe: its row groups share one
/// stream position). A row group's column chunks are decoded on every reader at once, each taking the next column
/// until none is left (as <see cref="ParquetColumns"/> does for files held in memory); memory stays bounded by the
/// decoded row group plus each stream's own buffer. The extra readers are opened at the first row group that has
/// work for them and live until the part is closed.
/// </summary>
internal sealed class PartReaders(ParquetPart part, ParquetReader first, Stream firstStream, DataField[] fields) : IAsyncDisposable
{
    private readonly List<(ParquetReader Reader, Stream Stream, DataField[] Fields)> _readers = [(first, firstStream, fields)];

    public ParquetReader First => first;

    /// <summary>Decodes <paramref name="rowGroup"/>'s columns (the fields in cursor order) on up to <paramref name="parallelism"/> readers; returns its row count.</summary>
    public async Task<int> ReadRowGroupAsync(int rowGroup, ColumnValues[] into, int parallelism)
    {
        int workers = Math.Clamp(Math.Min(parallelism, fields.Length), 1, 64);
        while (_readers.Count < workers) _readers.Add(await OpenAsync().ConfigureAwait(false));
        int next = -1;
        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            var (reader, stream, mine) = _readers[w];
            tasks[w] = Task.Run(async () =>
            {
                using var group = reader.OpenRowGroupReader(rowGroup);
                for (int c; (c = Interlocked.Increment(ref next)) < mine.Length;)
                    into[c] = await ColumnReader.ReadAsync(group, stream, mine[c]).ConfigureAwait(false);
            });
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return checked((int)first.RowGroups[rowGroup].RowCount);
    }

    /// <summary>Another reader of the part, with the first reader's fields looked up by name in its (identical) schema.</summary>
    private async Task<(ParquetReader, Stream, DataField[])> OpenAsync()
    {
        var stream = part.Open();
        try
        {
            var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: false).ConfigureAwait(false);
            var byName = FlatColumns.Of(reader.Schema).ToDictionary(f => f.Name, StringComparer.Ordinal);
            return (reader, stream, [.. fields.Select(f => byName[f.Name])]);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (reader, _, _) in _readers) await reader.DisposeAsync().ConfigureAwait(false);
        _readers.Clear();
    }
}
