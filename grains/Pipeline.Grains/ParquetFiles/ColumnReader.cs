using System.Collections.Concurrent;
using System.Reflection;
using Parquet;
using ColumnMetaData = Parquet.Meta.ColumnMetaData;
using Encoding = Parquet.Meta.Encoding;
using PageType = Parquet.Meta.PageType;
using Parquet.Schema;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// Reads one flat column of a row group with Parquet.Net's raw reader (values plus definition levels) and spreads the
/// non-null values to their rows, in place. Metadata that does not fit the row group (a column chunk whose value count
/// is not the row count) is reported as <see cref="InvalidDataException"/> before any buffer is sized from it, and so
/// are booleans stored RLE-encoded (<see cref="RleBooleans"/>), which Parquet.Net 6.1.0 decodes wrongly.
/// </summary>
public static class ColumnReader
{
    private delegate ValueTask<ColumnValues> Reader(ParquetRowGroupReader rowGroup, DataField field, CancellationToken ct);

    private static readonly ConcurrentDictionary<Type, Reader> Readers = new();
    private static readonly MethodInfo Typed = typeof(ColumnReader).GetMethod(nameof(ReadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static ValueTask<ColumnValues> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, CancellationToken ct = default) =>
        Readers.GetOrAdd(field.ClrType, t => Typed.MakeGenericMethod(t).CreateDelegate<Reader>())(rowGroup, field, ct);

    private static async ValueTask<ColumnValues> ReadTypedAsync<T>(ParquetRowGroupReader rowGroup, DataField field, CancellationToken ct) where T : struct
    {
        long rows = rowGroup.RowCount;
        var chunk = rowGroup.GetMetadata(field)?.MetaData ?? throw new InvalidDataException($"column '{field.Name}' has no column chunk in this row group");
        if (typeof(T) == typeof(bool) && RleBooleans(chunk))
            throw new InvalidDataException($"column '{field.Name}' stores booleans RLE-encoded (as arrow-rs does in data pages v2), which Parquet.Net 6.1.0 " +
                                           "cannot read correctly; export the table with data pages v1 (writer version 1.0, the pyarrow default)");
        long declared = chunk.NumValues;
        if (rows < 0 || rows > Array.MaxLength || declared != rows)
            throw new InvalidDataException($"column '{field.Name}' declares {declared} values in a row group of {rows} rows");
        int count = (int)rows;
        var values = new T[count];                                   // zeroed: what a damaged page does not fill stays default
        if (field.MaxDefinitionLevel == 0)
        {
            await rowGroup.ReadRawAsync<T>(field, values, null, null, ct).ConfigureAwait(false);
            return new ColumnValues<T>(field, values, null, count);
        }
        var levels = GC.AllocateUninitializedArray<int>(count);      // the reader fills every level or fails
        await rowGroup.ReadRawAsync<T>(field, values, levels, null, ct).ConfigureAwait(false);
        return new ColumnValues<T>(field, values, Spread(values, levels, field.MaxDefinitionLevel), count);
    }

    /// <summary>
    /// Whether a boolean chunk's data pages may be RLE-encoded: the page encoding stats say so, or (without them) the
    /// chunk lists RLE but not PLAIN — a PLAIN boolean chunk always lists PLAIN; RLE alone then means levels and data.
    /// Parquet.Net 6.1.0 decodes RLE booleans with a bit width of 0 (all false, or a division by zero).
    /// </summary>
    private static bool RleBooleans(ColumnMetaData chunk) =>
        chunk.EncodingStats is { Count: > 0 } stats
            ? stats.Any(s => s.PageType is PageType.DATA_PAGE or PageType.DATA_PAGE_V2 && s.Encoding == Encoding.RLE)
            : chunk.Encodings.Contains(Encoding.RLE) && !chunk.Encodings.Contains(Encoding.PLAIN);

    /// <summary>Moves the packed non-null values to their rows (back to front, so it works in place); returns the null marks, or null if there are none.</summary>
    private static bool[]? Spread<T>(T[] values, int[] levels, int defined) where T : struct
    {
        int present = 0;
        foreach (var level in levels) if (level == defined) present++;
        if (present == levels.Length) return null;
        var nulls = new bool[levels.Length];
        for (int row = levels.Length - 1, next = present - 1; row >= 0; row--)
        {
            if (levels[row] == defined) values[row] = values[next--];
            else { values[row] = default; nulls[row] = true; }
        }
        return nulls;
    }
}
