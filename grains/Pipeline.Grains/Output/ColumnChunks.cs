using System.Buffers;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>Writes the rows at <c>positions</c> as one column chunk of a Parquet.Net row group.</summary>
public delegate Task ColumnChunkWriter<TRow>(ParquetRowGroupWriter rowGroup, DataField field, IReadOnlyList<TRow> rows, ReadOnlyMemory<int> positions, CancellationToken ct);

/// <summary>
/// Column chunk writers for REQUIRED and OPTIONAL columns: the row group's values are gathered into a pooled array and
/// handed to <see cref="ParquetRowGroupWriter"/> as memory (an OPTIONAL column as its non-null values plus definition
/// levels, so no nullable copy is made).
/// </summary>
internal static class ColumnChunks<TRow>
{
    public static ColumnChunkWriter<TRow> Required<T>(RowValue<TRow, T> value) where T : struct =>
        async (rowGroup, field, rows, positions, ct) =>
        {
            var values = ArrayPool<T>.Shared.Rent(positions.Length);
            try
            {
                Gather(rows, positions.Span, value, values);
                await rowGroup.WriteAsync<T>(field, values.AsMemory(0, positions.Length), null, null, ct).ConfigureAwait(false);
            }
            finally { ArrayPool<T>.Shared.Return(values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>()); }
        };

    public static ColumnChunkWriter<TRow> Optional<T>(RowValue<TRow, T?> value) where T : struct =>
        async (rowGroup, field, rows, positions, ct) =>
        {
            var values = ArrayPool<T>.Shared.Rent(positions.Length);
            var levels = ArrayPool<int>.Shared.Rent(positions.Length);
            try
            {
                int present = Gather(rows, positions.Span, value, values, levels, field.MaxDefinitionLevel);
                await rowGroup.WriteAllPartsAsync<T>(field, values.AsMemory(0, present), levels.AsMemory(0, positions.Length), null, ct).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
                ArrayPool<int>.Shared.Return(levels);
            }
        };

    private static void Gather<T>(IReadOnlyList<TRow> rows, ReadOnlySpan<int> positions, RowValue<TRow, T> value, T[] values)
    {
        var array = rows as TRow[];
        for (int i = 0; i < positions.Length; i++) values[i] = array is not null ? value(in array[positions[i]]) : Value(rows, positions[i], value);
    }

    /// <summary>A row's value through the list's indexer (a copy of the row); arrays are read in place instead (no copy of a wide row per value and column).</summary>
    private static T Value<T>(IReadOnlyList<TRow> rows, int position, RowValue<TRow, T> value)
    {
        var row = rows[position];
        return value(in row);
    }

    /// <summary>Packs the non-null values to the front of <paramref name="values"/>; returns how many there are.</summary>
    private static int Gather<T>(IReadOnlyList<TRow> rows, ReadOnlySpan<int> positions, RowValue<TRow, T?> value, T[] values, int[] levels, int defined) where T : struct
    {
        int present = 0;
        var array = rows as TRow[];
        for (int i = 0; i < positions.Length; i++)
        {
            var v = array is not null ? value(in array[positions[i]]) : Value(rows, positions[i], value);
            if (v is { } x) { values[present++] = x; levels[i] = defined; }
            else levels[i] = defined - 1;
        }
        return present;
    }
}
