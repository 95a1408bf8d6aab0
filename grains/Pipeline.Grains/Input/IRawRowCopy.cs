namespace Pipeline.Grains.Input;

/// <summary>
/// A cursor that can copy its current row's raw text (what <see cref="ITableCursor.RawRow"/> returns) into a caller's
/// buffer without making a string: a reader that keeps every row for later (<c>PipelinedTableCursor</c>) copies the
/// raw text of all rows although only the quarantined ones are ever asked for.
/// </summary>
public interface IRawRowCopy
{
    /// <summary>
    /// Appends the current row's raw text, exactly as <see cref="ITableCursor.RawRow"/> would return it now, to
    /// <paramref name="buffer"/> at <paramref name="at"/> (growing it when needed); returns the number of chars written.
    /// </summary>
    int CopyRawRow(ref char[] buffer, int at);
}
