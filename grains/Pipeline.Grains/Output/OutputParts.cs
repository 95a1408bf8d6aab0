namespace Pipeline.Grains.Output;

/// <summary>One file of an output table: its name relative to the run folder and the rows (positions into the table's rows) it holds.</summary>
public readonly record struct OutputPart(string Name, ReadOnlyMemory<int> Positions);

/// <summary>
/// Which rows of a table go into which file: <c>TABLE/part-00000.parquet</c>, … of at most <c>rowsPerPart</c> rows
/// — or, for a partitioned table, the same per Hive folder <c>TABLE/province=…/</c> (folders in ordinal order of their
/// names, rows keeping their key order within each). Every folder gets at least one part, maybe empty.
/// </summary>
public static class OutputParts
{
    public static IReadOnlyList<OutputPart> Plan<TRow>(OutputTable<TRow> table, IReadOnlyList<TRow> rows, long rowsPerPart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPart, 1);
        var parts = new List<OutputPart>();
        if (table.PartitionColumn is not { } by)
        {
            var all = new int[rows.Count];
            for (int i = 0; i < all.Length; i++) all[i] = i;
            Split(table.Name, all, rowsPerPart, parts);
            return parts;
        }
        var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        var text = by.Text!;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var folder = OutputTable<TRow>.PartitionFolder(by.Name, text(in row));
            if (!groups.TryGetValue(folder, out var list)) groups[folder] = list = [];
            list.Add(i);
        }
        foreach (var (folder, list) in groups) Split($"{table.Name}/{folder}", [.. list], rowsPerPart, parts);
        return parts;
    }

    private static void Split(string folder, int[] positions, long rowsPerPart, List<OutputPart> parts)
    {
        int part = 0, start = 0;
        do
        {
            int count = (int)Math.Min(rowsPerPart, positions.Length - start);
            parts.Add(new OutputPart($"{folder}/part-{part++:D5}.parquet", positions.AsMemory(start, count)));
            start += count;
        } while (start < positions.Length);
    }
}
