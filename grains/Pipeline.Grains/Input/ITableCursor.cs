namespace Pipeline.Grains.Input;

/// <summary>
/// Forward-only access to the rows of one input table, whatever its format (a CSV file, a Parquet file or a folder of Parquet parts).
/// Values are exposed as text so one validator serves every format; a typed format renders its values in the
/// invariant culture. A cursor is used by one thread.
/// </summary>
public interface ITableCursor : IDisposable
{
    /// <summary>Where the rows come from (file or object name), for messages.</summary>
    string SourceName { get; }

    /// <summary>Column names in file order.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Advances to the next row; false at the end. Throws <see cref="InputUnreadableException"/> if the source breaks.</summary>
    bool MoveNext();

    /// <summary>1-based data row number (header not counted; for Parquet the row index + 1).</summary>
    long RowNumber { get; }

    /// <summary>Number of fields the current row has (CSV rows may be ragged).</summary>
    int FieldCount { get; }

    /// <summary>The text of field <paramref name="column"/> of the current row; empty when absent or null.</summary>
    ReadOnlySpan<char> Field(int column);

    /// <summary>The current row as read, CSV-encoded (for the quarantine table).</summary>
    string RawRow();

    /// <summary>
    /// Why the current row cannot be taken as read although it could be split into fields (a CSV row with invalid
    /// UTF-8, or text after a closing quote); null when it can. The row is then quarantined as <c>malformed_field</c>.
    /// </summary>
    string? RowDefect => null;
}

/// <summary>
/// An input table that cannot be read at all: the run fails before anything is published. The message names the
/// file and is bounded to <see cref="TextClip.MessageLength"/> characters, whatever it quotes.
/// </summary>
public sealed class InputUnreadableException(string message, Exception? inner = null)
    : Exception(TextClip.Clip(message, TextClip.MessageLength), inner);
