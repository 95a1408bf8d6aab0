using System.Buffers;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>Which single-pass kernel accumulates the dependencies.</summary>
internal enum BrandesKernel
{
    /// <summary><see cref="BatchedBrandesWorkspace"/> when the CPU and graph size allow it, else <see cref="OneSource"/>.</summary>
    Fastest,

    /// <summary><see cref="BetweennessWorkspace"/>: one source per pass (any CPU, any size).</summary>
    OneSource,
}

/// <summary>
/// Raw weighted sums Σ_r w_r δ_r(v) of Brandes' dependencies (Brandes 2001) over folded sources, plus the leaf
/// corrections of <see cref="BetweennessSources"/>. The work units (batches of <see cref="BatchedBrandesWorkspace.Lanes"/>
/// sources, or single sources) are split into min(32, units) fixed chunks; each chunk is summed from zero on its own
/// and the chunk sums are added in chunk order — the same floating-point operations serially (one reused buffer) and
/// in parallel (a pooled buffer per chunk, added as soon as the chunks before it are), so the result does not depend on the parallelism. Workspaces are
/// per-thread and reused across calls (<see cref="BatchedBrandesWorkspace.ForCurrentThread"/>), chunk buffers come
/// from <see cref="ArrayPool{T}.Shared"/>: a unit allocates no O(n) Brandes memory of its own.
/// </summary>
internal static class BrandesAccumulation
{
    private const int Chunks = 32;

    /// <summary>Adds the sums into <paramref name="result"/> (length ≥ n, zeroed by the caller).</summary>
    public static void Run(UndirectedGraph g, BetweennessSources sources, int maxDegreeOfParallelism, BrandesKernel kernel, double[] result)
    {
        int n = g.NodeCount;
        int count = sources.Count;
        bool batched = kernel == BrandesKernel.Fastest && BatchedBrandesWorkspace.IsSupported && n <= BatchedBrandesWorkspace.MaxNodes;
        int unit = batched ? BatchedBrandesWorkspace.Lanes : 1;
        int units = (count + unit - 1) / unit;
        int chunks = Math.Min(Chunks, units);
        int From(int c) => (int)((long)units * c / chunks);
        void Chunk(int c, double[] acc)
        {
            Array.Clear(acc, 0, n);
            if (batched)
            {
                var ws = BatchedBrandesWorkspace.ForCurrentThread();
                for (int i = From(c), to = From(c + 1); i < to; i++)
                {
                    int a = i * unit, length = Math.Min(unit, count - a);
                    if (ws.Batch(g, sources.Sources.AsSpan(a, length), sources.Weights.AsSpan(a, length), acc)) continue;
                    var one = BetweennessWorkspace.ForCurrentThread(n);    // a path too long for the batch's lanes
                    for (int j = a; j < a + length; j++) one.SingleSource(g, sources.Sources[j], sources.Weights[j], acc);
                }
            }
            else
            {
                var ws = BetweennessWorkspace.ForCurrentThread(n);
                for (int i = From(c), to = From(c + 1); i < to; i++) ws.SingleSource(g, sources.Sources[i], sources.Weights[i], acc);
            }
        }
        if (maxDegreeOfParallelism <= 1 || chunks <= 1)
        {
            var acc = ArrayPool<double>.Shared.Rent(n);
            for (int c = 0; c < chunks; c++)
            {
                Chunk(c, acc);
                Add(result, acc, n);
            }
            ArrayPool<double>.Shared.Return(acc);
        }
        else
        {
            // Chunk sums are added as soon as every earlier chunk has been added (in chunk order, under a lock), so
            // only the buffers of chunks that finished early wait.
            var partial = new double[]?[chunks];
            int nextToAdd = 0;
            var gate = new object();
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, chunks, options, c =>
            {
                var acc = ArrayPool<double>.Shared.Rent(n);
                Chunk(c, acc);
                lock (gate)
                {
                    partial[c] = acc;
                    while (nextToAdd < chunks && partial[nextToAdd] is { } ready)
                    {
                        Add(result, ready, n);
                        ArrayPool<double>.Shared.Return(ready);
                        partial[nextToAdd++] = null;
                    }
                }
            });
        }
        foreach (var (node, amount) in sources.Corrections) result[node] += amount;
    }

    private static void Add(double[] result, double[] acc, int n)
    {
        for (int v = 0; v < n; v++) result[v] += acc[v];
    }
}
