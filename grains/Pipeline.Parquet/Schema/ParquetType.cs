namespace Pipeline.Parquet;

/// <summary>
/// Column types of a flat schema: a physical type, or a physical type with a logical type — String (BYTE_ARRAY,
/// STRING), Date (INT32 days since 1970-01-01, DATE), Timestamp (INT64 since the Unix epoch, TIMESTAMP; written in
/// microseconds, UTC), Decimal (INT32 for precision ≤ 9, else INT64 — the unscaled value; DECIMAL(precision, scale)).
/// </summary>
public enum ParquetType { Int32, Int64, Float, Double, Boolean, String, Date, Timestamp, Decimal }

/// <summary>Unit of a TIMESTAMP column (parquet.thrift TimeUnit).</summary>
public enum TimestampUnit { Millis, Micros, Nanos }
