using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Burt's (1992) structural-hole measures on the weighted cluster graph, exactly as
/// <c>networkx.constraint(G, weight="weight")</c> and <c>networkx.effective_size(G, weight="weight")</c>:
/// with p_ij = (w_ij + w_ji) / Σ_k (w_ik + w_ki) = w_ij / s_i on an undirected graph,
/// constraint c_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i)} p_iq p_qj)² (p_qj = w_qj / s_q; q = j adds nothing), and
/// effective size e_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i)} p_iq m_jq) with m_jq = w_jq / max_k w_jk.
/// Isolated nodes get NaN (null in the output). Complexity O(Σ_j d_j²): p_i· sits in a dense scratch array and
/// each neighbour j's list is walked once per i, so Σ_q p_iq p_qj and Σ_q p_iq m_jq come from one scan of N(j)
/// with an O(1) array lookup per q — no hashing, no allocation per node; the two O(n) arrays are per-thread
/// <see cref="Scratch"/> arrays reused across units. Efficiency (e_i / d_i) is left to the caller.
/// </summary>
public static class StructuralHoles
{
    /// <summary>
    /// Writes c_i into <paramref name="constraint"/>[i] and e_i into <paramref name="effectiveSize"/>[i] for every node
    /// (NaN for a node without neighbours). Both spans must hold at least <see cref="UndirectedGraph.NodeCount"/> values.
    /// </summary>
    public static void Compute(UndirectedGraph g, Span<double> constraint, Span<double> effectiveSize)
    {
        int n = g.NodeCount;
        if (constraint.Length < n || effectiveSize.Length < n) throw new ArgumentException("Output spans are shorter than the node count.");
        var maxWeight = Scratch.Doubles(Scratch.StructuralHolesMaxWeight, n);
        for (int v = 0; v < n; v++)
        {
            double m = 0;
            foreach (var w in g.Weights(v)) m = Math.Max(m, w);
            maxWeight[v] = m;
        }
        var p = Scratch.Doubles(Scratch.StructuralHolesShare, n);   // p[q] = p_iq for the current i, 0 elsewhere
        Array.Clear(p, 0, n);
        for (int i = 0; i < n; i++)
        {
            var ni = g.Neighbors(i);
            var wi = g.Weights(i);
            if (ni.Length == 0) { constraint[i] = double.NaN; effectiveSize[i] = double.NaN; continue; }
            double si = g.Strength(i);
            for (int k = 0; k < ni.Length; k++) p[ni[k]] = wi[k] / si;

            double c = 0, e = 0;
            for (int k = 0; k < ni.Length; k++)
            {
                int j = ni[k];
                var nj = g.Neighbors(j);
                var wj = g.Weights(j);
                double mj = maxWeight[j];
                double indirect = 0, redundancy = 0;
                for (int t = 0; t < nj.Length; t++)
                {
                    double piq = p[nj[t]];
                    if (piq == 0) continue;   // q not a neighbour of i (or q == i, whose p is 0)
                    indirect += piq * (wj[t] / g.Strength(nj[t]));  // p_qj = w_qj / s_q
                    redundancy += piq * (wj[t] / mj);
                }
                double local = p[j] + indirect;
                c += local * local;
                e += 1 - redundancy;
            }
            constraint[i] = c;
            effectiveSize[i] = e;
            foreach (var q in ni) p[q] = 0;
        }
    }
}
