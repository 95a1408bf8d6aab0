namespace Pipeline.Parquet;

/// <summary>Column types of a flat schema: physical type plus, for String, the STRING logical type.</summary>
public enum ParquetType { Int32, Int64, Float, Double, Boolean, String }
