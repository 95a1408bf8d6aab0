namespace Pipeline.Grains.Input.Csv;

/// <summary>Checks of a CSV header row beyond its syntax.</summary>
public static class CsvHeader
{
    /// <summary>
    /// A column named twice is refused: which of the two holds the data cannot be known. Empty names may repeat
    /// (trailing commas of spreadsheet exports); no table reads them.
    /// </summary>
    public static void RefuseRepeatedColumns(string sourceName, string[] columns)
    {
        var first = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0) continue;
            if (!first.TryAdd(columns[i], i))
                throw new InputUnreadableException(
                    $"{sourceName}: column '{TextClip.Clip(columns[i])}' appears twice in the header (columns {first[columns[i]] + 1} and {i + 1}); keep one.");
        }
    }
}
