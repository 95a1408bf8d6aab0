namespace Pipeline.Parquet;

/// <summary>
/// One column of a flat schema: name, type, and REQUIRED (no nulls) or OPTIONAL. Decimal columns carry their
/// <see cref="Precision"/> (1–18) and <see cref="Scale"/> (0–precision); timestamp columns their <see cref="Unit"/>
/// and whether they are UTC instants (<see cref="Utc"/>; the writer writes microseconds, UTC).
/// </summary>
public sealed record ParquetColumn(string Name, ParquetType Type, bool Required)
{
    /// <summary>Total decimal digits of a Decimal column.</summary>
    public int Precision { get; init; }
    /// <summary>Digits after the decimal point of a Decimal column.</summary>
    public int Scale { get; init; }
    /// <summary>Unit of a Timestamp column.</summary>
    public TimestampUnit Unit { get; init; } = TimestampUnit.Micros;
    /// <summary>Whether a Timestamp column holds UTC instants (isAdjustedToUTC).</summary>
    public bool Utc { get; init; } = true;

    public static ParquetColumn Int32(string name, bool required = true) => new(name, ParquetType.Int32, required);
    public static ParquetColumn Int64(string name, bool required = true) => new(name, ParquetType.Int64, required);
    public static ParquetColumn Float(string name, bool required = true) => new(name, ParquetType.Float, required);
    public static ParquetColumn Double(string name, bool required = true) => new(name, ParquetType.Double, required);
    public static ParquetColumn Boolean(string name, bool required = true) => new(name, ParquetType.Boolean, required);
    public static ParquetColumn String(string name, bool required = true) => new(name, ParquetType.String, required);
    /// <summary>A DATE column (days since 1970-01-01 in an INT32).</summary>
    public static ParquetColumn Date(string name, bool required = true) => new(name, ParquetType.Date, required);
    /// <summary>A TIMESTAMP column of UTC instants in microseconds (INT64).</summary>
    public static ParquetColumn Timestamp(string name, bool required = true) => new(name, ParquetType.Timestamp, required);

    /// <summary>A DECIMAL(precision, scale) column; precision 1–18 (INT32 storage up to 9 digits, INT64 above).</summary>
    public static ParquetColumn Decimal(string name, int precision, int scale, bool required = true)
    {
        if (precision is < 1 or > 18) throw new ArgumentOutOfRangeException(nameof(precision), "Decimal precision must be 1–18.");
        if (scale < 0 || scale > precision) throw new ArgumentOutOfRangeException(nameof(scale), "Decimal scale must be 0–precision.");
        return new(name, ParquetType.Decimal, required) { Precision = precision, Scale = scale };
    }

    /// <summary>The type the values are stored and decoded as: Int32, Int64, Float, Double, Boolean or String.</summary>
    public ParquetType Storage => DecimalStorage ?? Type switch
    {
        ParquetType.Date => ParquetType.Int32,
        ParquetType.Timestamp => ParquetType.Int64,
        ParquetType.Decimal => Precision <= 9 ? ParquetType.Int32 : ParquetType.Int64,
        _ => Type,
    };

    /// <summary>Set by the reader for a file's small decimal stored in an INT64 (allowed by the spec); null otherwise.</summary>
    internal ParquetType? DecimalStorage { get; init; }
}
