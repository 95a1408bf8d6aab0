namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// Which of the CSV tables read at the same time are read through a <see cref="PipelinedTableCursor"/> (a second
/// thread that tokenizes while the first validates). A pipelined table takes about a third more CPU in all (its rows
/// cross cores), so it only pays where a core would otherwise idle: the largest table always (read alone, or alone
/// at the end once the smaller ones are done), and one more per core beyond one per table, largest first. On 2 cores:
/// firms (read alone) is pipelined, and of links and firm_years (read together) only the larger.
/// </summary>
public static class ReadPipelining
{
    /// <summary>For each of the tables read at the same time (by size in bytes), whether to pipeline it on <paramref name="cores"/> cores.</summary>
    public static bool[] Choose(IReadOnlyList<long> sizes, int cores)
    {
        var pipelined = new bool[sizes.Count];
        if (cores < 2) return pipelined;
        int count = Math.Min(sizes.Count, Math.Max(0, cores - sizes.Count) + 1);
        for (int n = 0; n < count; n++)
        {
            int largest = -1;
            for (int i = 0; i < sizes.Count; i++)
                if (!pipelined[i] && (largest < 0 || sizes[i] > sizes[largest])) largest = i;
            pipelined[largest] = true;
        }
        return pipelined;
    }
}
