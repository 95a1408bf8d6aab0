namespace Pipeline.Parquet;

/// <summary>
/// A file is not a readable Parquet file: truncated, corrupt, not Parquet at all, or using a feature this reader does
/// not support. The message names the file and says what is wrong.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the file and the problem.</summary>
    public ParquetFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
