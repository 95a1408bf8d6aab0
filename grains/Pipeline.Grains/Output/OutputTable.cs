using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>
/// An output table's name (its folder under the run) and columns, in contract order. A table partitioned by a
/// string column is written Hive-style, as DuckDB's <c>PARTITION_BY</c> writes it: one folder
/// <c>COLUMN=VALUE/</c> per value (URI-escaped; null as <c>__HIVE_DEFAULT_PARTITION__</c>) whose files hold the other
/// columns — readers with Hive partitioning (DuckDB, pyarrow, Spark) get the column back from the path.
/// </summary>
public sealed class OutputTable<TRow>
{
    public OutputTable(string name, IReadOnlyList<OutputColumn<TRow>> columns, string? partitionBy = null)
    {
        Name = name;
        Columns = columns;
        if (partitionBy is null)
        {
            FileColumns = columns;
            FileSchema = new([.. columns.Select(c => c.Field)]);
            return;
        }
        PartitionColumn = columns.SingleOrDefault(c => c.Name == partitionBy)
            ?? throw new ArgumentException($"Table '{name}' has no column '{partitionBy}' to partition by.");
        if (PartitionColumn.Text is null) throw new ArgumentException($"Table '{name}' can only be partitioned by a string column.");
        FileColumns = [.. columns.Where(c => c != PartitionColumn)];
        FileSchema = new([.. FileColumns.Select(c => c.Field)]);
    }

    public string Name { get; }

    /// <summary>All columns of the table as readers see it (partition column included).</summary>
    public IReadOnlyList<OutputColumn<TRow>> Columns { get; }

    /// <summary>The column the table's files are split by into <c>NAME=VALUE/</c> folders, if any.</summary>
    public OutputColumn<TRow>? PartitionColumn { get; }

    /// <summary>The columns stored inside each file (all but the partition column).</summary>
    public IReadOnlyList<OutputColumn<TRow>> FileColumns { get; }

    /// <summary>The Parquet.Net schema of each file (<see cref="FileColumns"/>).</summary>
    public ParquetSchema FileSchema { get; }

    /// <summary>The Hive folder name of a partition value: <c>province=Zhejiang</c>, <c>province=Hong%20Kong</c>, <c>province=__HIVE_DEFAULT_PARTITION__</c>.</summary>
    public static string PartitionFolder(string column, string? value) =>
        $"{column}={(string.IsNullOrEmpty(value) ? "__HIVE_DEFAULT_PARTITION__" : Uri.EscapeDataString(value))}";
}
