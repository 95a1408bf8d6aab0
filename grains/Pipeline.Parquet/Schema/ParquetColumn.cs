namespace Pipeline.Parquet;

/// <summary>One column of a flat schema: name, type, and REQUIRED (no nulls) or OPTIONAL.</summary>
public sealed record ParquetColumn(string Name, ParquetType Type, bool Required)
{
    public static ParquetColumn Int32(string name, bool required = true) => new(name, ParquetType.Int32, required);
    public static ParquetColumn Int64(string name, bool required = true) => new(name, ParquetType.Int64, required);
    public static ParquetColumn Float(string name, bool required = true) => new(name, ParquetType.Float, required);
    public static ParquetColumn Double(string name, bool required = true) => new(name, ParquetType.Double, required);
    public static ParquetColumn Boolean(string name, bool required = true) => new(name, ParquetType.Boolean, required);
    public static ParquetColumn String(string name, bool required = true) => new(name, ParquetType.String, required);
}
