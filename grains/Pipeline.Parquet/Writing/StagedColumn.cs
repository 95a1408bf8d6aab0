using System.Buffers;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// The values of one column for the rows staged since the last encoding step (at most
/// <see cref="ParquetFileWriter.BatchRows"/>), kept raw in pooled arrays: integers (INT32, INT64, DATE, TIMESTAMP,
/// DECIMAL) as longs, FLOAT/DOUBLE as doubles (float → double → float is exact), booleans, string references, and a
/// null flag per row for OPTIONAL columns. Appending a value is a store; encoding, statistics, dictionaries and
/// compression run later, column by column and in parallel (<see cref="ColumnChunkWriter.AddStaged"/>).
/// </summary>
internal sealed class StagedColumn : IDisposable
{
    public StagedColumn(ParquetColumn column, int capacity)
    {
        Storage = column.Storage;
        switch (Storage)
        {
            case ParquetType.Int32 or ParquetType.Int64: Longs = ArrayPool<long>.Shared.Rent(capacity); break;
            case ParquetType.Float or ParquetType.Double: Doubles = ArrayPool<double>.Shared.Rent(capacity); break;
            case ParquetType.Boolean: Booleans = ArrayPool<bool>.Shared.Rent(capacity); break;
            case ParquetType.String: Strings = ArrayPool<string?>.Shared.Rent(capacity); break;
        }
        if (!column.Required && Storage != ParquetType.String) Nulls = ArrayPool<bool>.Shared.Rent(capacity);
    }

    /// <summary>How the values are stored (Int32, Int64, Float, Double, Boolean or String).</summary>
    public ParquetType Storage { get; }
    public long[]? Longs { get; }
    public double[]? Doubles { get; }
    public bool[]? Booleans { get; }
    public string?[]? Strings { get; }
    /// <summary>True where the row is null (OPTIONAL columns other than strings, whose nulls are null references; null otherwise).</summary>
    public bool[]? Nulls { get; }

    /// <summary>Drops the staged string references of the first <paramref name="rows"/> rows (after encoding), so they can be collected.</summary>
    public void Release(int rows)
    {
        if (Strings is not null) Array.Clear(Strings, 0, rows);
    }

    public void Dispose()
    {
        if (Longs is not null) ArrayPool<long>.Shared.Return(Longs);
        if (Doubles is not null) ArrayPool<double>.Shared.Return(Doubles);
        if (Booleans is not null) ArrayPool<bool>.Shared.Return(Booleans);
        if (Strings is not null) ArrayPool<string?>.Shared.Return(Strings, clearArray: true);
        if (Nulls is not null) ArrayPool<bool>.Shared.Return(Nulls);
    }
}
