namespace Pipeline.Grains.Input;

/// <summary>How an input table is stored: one CSV file, one Parquet file, or a folder of Parquet parts.</summary>
public enum TableFormat { Csv, Parquet, ParquetParts }

/// <summary>An input table found in the input store: its name, format and the objects holding it (in name order).</summary>
public sealed record TableSource(string Table, TableFormat Format, IReadOnlyList<Pipeline.Storage.ObjectInfo> Objects);
