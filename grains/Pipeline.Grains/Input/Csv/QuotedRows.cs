namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// Finds rows swallowed by a quoted field: RFC 4180 lets a quoted field span lines, so two stray quotes in one
/// column silently make the rows between them (and the quote's own row tail and the closing row's head) one field.
/// Such a field holds at least as many commas as a whole row (header columns − 1) across a line break; a row with
/// one is quarantined, and its raw text keeps the joined rows visible.
/// </summary>
public static class QuotedRows
{
    /// <summary>A defect text when a field of the current row spans lines and holds a whole row's commas, else null.</summary>
    public static string? Find(ITableCursor row, int columns)
    {
        if (columns < 2) return null;
        for (int f = 0; f < row.FieldCount; f++)
        {
            var value = row.Field(f);
            if (value.IndexOfAny('\n', '\r') < 0) continue;
            int commas = value.Count(',');
            if (commas >= columns - 1)
                return $"field {f + 1} is a quoted value over several lines holding {commas} commas, as many as a whole row (a stray '\"' joins rows)";
        }
        return null;
    }
}
