using System.Collections.Concurrent;
using System.Reflection;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// Reads one flat column of a row group with Parquet.Net's raw reader (values plus definition levels) and spreads the
/// non-null values to their rows, in place. Metadata that does not fit the row group (a column chunk whose value count
/// is not the row count) is reported as <see cref="InvalidDataException"/> before any buffer is sized from it.
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
        long declared = rowGroup.GetMetadata(field)?.MetaData?.NumValues
            ?? throw new InvalidDataException($"column '{field.Name}' has no column chunk in this row group");
        if (rows < 0 || rows > Array.MaxLength || declared != rows)
            throw new InvalidDataException($"column '{field.Name}' declares {declared} values in a row group of {rows} rows");
        int count = (int)rows;
        var values = new T[count];
        if (field.MaxDefinitionLevel == 0)
        {
            await rowGroup.ReadRawAsync<T>(field, values, null, null, ct).ConfigureAwait(false);
            return new ColumnValues<T>(field, values, null, count);
        }
        var levels = new int[count];
        await rowGroup.ReadRawAsync<T>(field, values, levels, null, ct).ConfigureAwait(false);
        return new ColumnValues<T>(field, values, Spread(values, levels, field.MaxDefinitionLevel), count);
    }

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
