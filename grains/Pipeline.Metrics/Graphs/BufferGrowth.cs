namespace Pipeline.Metrics.Graphs;

/// <summary>
/// How reusable working arrays grow (per-thread scratch, pooled unit inputs, graph buffers): to the requested length
/// plus a quarter, at least 16, so a run of slightly larger units does not reallocate each time.
/// </summary>
public static class BufferGrowth
{
    /// <summary>The length to allocate for at least <paramref name="length"/> elements (×1.25, at least 16, below <see cref="Array.MaxLength"/>).</summary>
    public static int Size(int length) => (int)Math.Min(Array.MaxLength - 1, Math.Max(16L, length + (long)length / 4));
}
