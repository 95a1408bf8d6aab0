namespace Pipeline.Grains.Input;

/// <summary>
/// A cursor whose current row can be copied in bulk: its field text back to back with each field's start and length,
/// and its raw text (what <see cref="ITableCursor.RawRow"/> returns) without making a string. A reader that keeps
/// every row for later (<c>PipelinedTableCursor</c>) copies each row with one block copy instead of field by field,
/// and the raw text of all rows although only the quarantined ones are ever asked for.
/// </summary>
public interface IRowCopy
{
    /// <summary>The current row's field text, back to back (<see cref="ITableCursor.Field"/> of field i is <c>FieldText.Slice(FieldStarts[i], FieldLengths[i])</c>).</summary>
    ReadOnlySpan<char> FieldText { get; }

    /// <summary>Where each of the current row's <see cref="ITableCursor.FieldCount"/> fields starts in <see cref="FieldText"/>.</summary>
    ReadOnlySpan<int> FieldStarts { get; }

    /// <summary>The length of each of the current row's <see cref="ITableCursor.FieldCount"/> fields.</summary>
    ReadOnlySpan<int> FieldLengths { get; }

    /// <summary>
    /// Appends the current row's raw text, exactly as <see cref="ITableCursor.RawRow"/> would return it now, to
    /// <paramref name="buffer"/> at <paramref name="at"/> (growing it when needed); returns the number of chars written.
    /// </summary>
    int CopyRawRow(ref char[] buffer, int at);
}
