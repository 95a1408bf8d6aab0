using System.Buffers;

namespace Pipeline.Grains.Output;

/// <summary>One file of an output table: its name relative to the run folder and the rows (positions into the table's rows) it holds.</summary>
public readonly record struct OutputPart(string Name, ReadOnlyMemory<int> Positions);

/// <summary>
/// Which rows of a table go into which file: <c>TABLE/part-00000.parquet</c>, … of at most <c>rowsPerPart</c> rows
/// — or, for a partitioned table, the same per Hive folder <c>TABLE/province=…/</c> (folders in ordinal order of their
/// names, rows keeping their key order within each). Every folder gets at least one part, maybe empty. A partitioned
/// table is split by a counting sort: one pass gives each row its partition (a folder name is made once per distinct
/// value, not per row), a second puts the rows' positions into one array, folder after folder.
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
        var partitionOf = ArrayPool<int>.Shared.Rent(Math.Max(rows.Count, 1));
        try
        {
            var (folders, counts) = Partitions(by, rows, partitionOf);
            // Folders in ordinal order of their names; each one's rows start where the previous folder's end.
            var order = new int[folders.Count];
            for (int p = 0; p < order.Length; p++) order[p] = p;
            Array.Sort(order, (a, b) => string.CompareOrdinal(folders[a], folders[b]));
            var start = new int[folders.Count];
            for (int k = 0, next = 0; k < order.Length; k++) { start[order[k]] = next; next += counts[order[k]]; }
            var positions = new int[rows.Count];
            var fill = (int[])start.Clone();
            for (int i = 0; i < rows.Count; i++) positions[fill[partitionOf[i]]++] = i;
            foreach (int p in order) Split($"{table.Name}/{folders[p]}", positions.AsMemory(start[p], counts[p]), rowsPerPart, parts);
            return parts;
        }
        finally { ArrayPool<int>.Shared.Return(partitionOf); }
    }

    /// <summary>Numbers the table's partitions in order of first appearance: fills each row's partition number, returns each partition's folder and row count.</summary>
    private static (List<string> Folders, List<int> Counts) Partitions<TRow>(OutputColumn<TRow> by, IReadOnlyList<TRow> rows, int[] partitionOf)
    {
        var text = by.Text!;
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);   // partition value ("" for null) → number
        var folders = new List<string>();
        var counts = new List<int>();
        var array = rows as TRow[];
        for (int i = 0; i < rows.Count; i++)
        {
            string value;
            if (array is not null) value = text(in array[i]) ?? "";
            else { var row = rows[i]; value = text(in row) ?? ""; }
            if (!numbers.TryGetValue(value, out int p))
            {
                numbers[value] = p = folders.Count;
                folders.Add(OutputTable<TRow>.PartitionFolder(by.Name, value));
                counts.Add(0);
            }
            partitionOf[i] = p;
            counts[p]++;
        }
        return (folders, counts);
    }

    private static void Split(string folder, ReadOnlyMemory<int> positions, long rowsPerPart, List<OutputPart> parts)
    {
        int part = 0, start = 0;
        do
        {
            int count = (int)Math.Min(rowsPerPart, positions.Length - start);
            parts.Add(new OutputPart($"{folder}/part-{part++:D5}.parquet", positions.Slice(start, count)));
            start += count;
        } while (start < positions.Length);
    }
}
