using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using Parquet;
using Parquet.Schema;
using Pipeline.Grains.ParquetFiles.RleBooleans;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// Reads one flat column of a row group with Parquet.Net's raw reader (<see cref="ParquetRowGroupReader.ReadRawAsync{T}"/>:
/// values plus definition levels) into pooled arrays, and spreads the non-null values to their rows, in place.
/// Metadata that does not fit the row group (a column chunk whose value count is not the row count) is reported as
/// <see cref="InvalidDataException"/> before any buffer is sized from it. Booleans stored RLE-encoded, which Parquet.Net
/// 6.1.0 decodes wrongly, are read by <see cref="RleBooleanChunk"/> from <c>file</c>, the stream the reader was opened on.
/// </summary>
public static class ColumnReader
{
    private delegate ValueTask<ColumnValues> Reader(ParquetRowGroupReader rowGroup, Stream file, DataField field, CancellationToken ct);

    private static readonly ConcurrentDictionary<Type, Reader> Readers = new();
    private static readonly MethodInfo Typed = typeof(ColumnReader).GetMethod(nameof(ReadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Reads <paramref name="field"/> of <paramref name="rowGroup"/>; <paramref name="file"/> is the stream its <see cref="ParquetReader"/> reads (not used concurrently).</summary>
    public static ValueTask<ColumnValues> ReadAsync(ParquetRowGroupReader rowGroup, Stream file, DataField field, CancellationToken ct = default) =>
        Readers.GetOrAdd(field.ClrType, t => Typed.MakeGenericMethod(t).CreateDelegate<Reader>())(rowGroup, file, field, ct);

    private static async ValueTask<ColumnValues> ReadTypedAsync<T>(ParquetRowGroupReader rowGroup, Stream file, DataField field, CancellationToken ct) where T : struct
    {
        long rows = rowGroup.RowCount;
        var chunk = rowGroup.GetMetadata(field)?.MetaData ?? throw new InvalidDataException($"column '{field.Name}' has no column chunk in this row group");
        long declared = chunk.NumValues;
        if (rows < 0 || rows > Array.MaxLength || declared != rows)
            throw new InvalidDataException($"column '{field.Name}' declares {declared} values in a row group of {rows} rows");
        int count = (int)rows;
        var values = ArrayPool<T>.Shared.Rent(Math.Max(count, 1));
        values.AsSpan(0, count).Clear();                             // what a damaged page does not fill stays default
        var levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(count) : null;   // the reader fills every level or fails
        try
        {
            if (typeof(T) == typeof(bool) && RleBooleanChunk.Applies(chunk))
                ReadRleBooleans(file, chunk, field, (bool[])(object)values, levels, count);
            else if (levels is null)
                await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, count), null, null, ct).ConfigureAwait(false);
            else
                await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, count), levels.AsMemory(0, count), null, ct).ConfigureAwait(false);
            var nulls = levels is null ? null : NullSpreading.Spread(values.AsSpan(0, count), levels.AsSpan(0, count), field.MaxDefinitionLevel);
            return new ColumnValues<T>(field, values, nulls, count);
        }
        catch
        {
            ArrayPool<T>.Shared.Return(values);
            throw;
        }
        finally
        {
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static void ReadRleBooleans(Stream file, Parquet.Meta.ColumnMetaData chunk, DataField field, bool[] values, int[]? levels, int count)
    {
        var rowLevels = levels is null ? new int[count] : levels;    // a required column: levels are decoded but all max
        try { RleBooleanChunk.Read(file, chunk, field.MaxDefinitionLevel, values.AsSpan(0, count), rowLevels.AsSpan(0, count)); }
        catch (Exception e) when (e is not InvalidDataException) { throw new InvalidDataException($"column '{field.Name}': {e.Message}", e); }
    }
}
