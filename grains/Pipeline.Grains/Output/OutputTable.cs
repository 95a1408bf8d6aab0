using Pipeline.Parquet;

namespace Pipeline.Grains.Output;

/// <summary>An output table's name (its folder under the run) and columns, in contract order.</summary>
public sealed class OutputTable<TRow>(string name, IReadOnlyList<OutputColumn<TRow>> columns)
{
    public string Name { get; } = name;
    public IReadOnlyList<OutputColumn<TRow>> Columns { get; } = columns;
    public ParquetSchema Schema { get; } = new([.. columns.Select(c => c.Column)]);
}
