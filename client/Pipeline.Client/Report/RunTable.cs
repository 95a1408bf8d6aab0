using System.Globalization;

namespace Pipeline.Client.Report;

/// <summary>
/// One output table of a run held in memory column by column (only the columns asked for), as the Parquet reader
/// decoded them (<see cref="ColumnSegments"/>); values come out boxed (long, double, string, bool) or null. Hive
/// partition folders in part names (<c>province=Zhejiang/part-00000.parquet</c>) supply a column that is absent from
/// the files themselves.
/// </summary>
public sealed class RunTable(string name, IReadOnlyDictionary<string, ColumnSegments> columns, int count)
{
    public string Name { get; } = name;
    public int Count { get; } = count;

    public bool Has(string column) => columns.ContainsKey(column);

    public object? Value(string column, int row) =>
        columns.TryGetValue(column, out var values) ? values.Value(row) : throw new KeyNotFoundException($"Table {Name} has no column '{column}'.");

    public string? String(string column, int row) => Value(column, row) switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString(),
    };

    /// <summary>A numeric value as double, or null (also null when the column is absent from this run).</summary>
    public double? Double(string column, int row) => !Has(column) ? null : Value(column, row) switch
    {
        null => null,
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        var o => throw new InvalidCastException($"Column '{column}' of {Name} is {o.GetType().Name}, not numeric."),
    };
}
