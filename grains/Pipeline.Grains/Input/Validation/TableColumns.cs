namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// Resolves a table's header to column positions: a required column that is missing makes the table unreadable;
/// an optional one that is missing reads as empty (position -1).
/// </summary>
public static class TableColumns
{
    public static int Required(ITableCursor cursor, string name)
    {
        var i = Find(cursor, name);
        if (i < 0)
            throw new InputUnreadableException($"{cursor.SourceName}: required column '{name}' is missing (columns: {TextClip.List(cursor.Columns)}).");
        return i;
    }

    public static int Optional(ITableCursor cursor, string name) => Find(cursor, name);

    private static int Find(ITableCursor cursor, string name)
    {
        for (int i = 0; i < cursor.Columns.Count; i++)
            if (string.Equals(cursor.Columns[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
