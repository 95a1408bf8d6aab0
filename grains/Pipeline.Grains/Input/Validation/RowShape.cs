namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// The check every row passes before its fields are read: it must be readable as it stands (no invalid UTF-8, no
/// text after a closing quote) and have as many fields as the header — a decimal comma or a cut-off row would
/// otherwise shift or blank the fields after it.
/// </summary>
public static class RowShape
{
    public static Rejection? Check(ITableCursor row)
    {
        if (row.RowDefect is { } defect) return new Rejection(QuarantineReason.MalformedField, defect);
        int expected = row.Columns.Count;
        if (row.FieldCount != expected)
            return new Rejection(QuarantineReason.MalformedField, $"the row has {row.FieldCount} fields, the header {expected}");
        return null;
    }
}
