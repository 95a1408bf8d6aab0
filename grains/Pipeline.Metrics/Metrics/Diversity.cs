namespace Pipeline.Metrics;

/// <summary>
/// Variety, related and unrelated variety (Frenken, Van Oort &amp; Verburg 2007), log base 2, from employment shares
/// p_i over 4-character industry codes i, grouped by their first 2 characters g with P_g = Σ_{i∈g} p_i:
/// variety = Σ_i p_i log2(1/p_i); unrelated = Σ_g P_g log2(1/P_g);
/// related = Σ_g P_g Σ_{i∈g} (p_i/P_g) log2(P_g/p_i). The entropy decomposition gives variety = related + unrelated.
/// Codes with zero employment contribute nothing; all three are NaN when total employment is 0.
/// </summary>
public static class Diversity
{
    public static (double Variety, double RelatedVariety, double UnrelatedVariety) Compute(ReadOnlySpan<string> industryCode, ReadOnlySpan<double> employees)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < industryCode.Length; i++)
            totals[industryCode[i]] = totals.GetValueOrDefault(industryCode[i]) + employees[i];
        return FromTotals(totals);
    }

    public static (double Variety, double RelatedVariety, double UnrelatedVariety) FromTotals(IReadOnlyDictionary<string, double> weightByCode)
    {
        double total = 0;
        foreach (var w in weightByCode.Values) if (w > 0) total += w;
        if (!(total > 0)) return (double.NaN, double.NaN, double.NaN);

        // Ordinal order of codes makes the floating-point sums independent of dictionary order.
        var codes = weightByCode.Where(kv => kv.Value > 0).Select(kv => kv.Key).OrderBy(c => c, StringComparer.Ordinal).ToArray();
        double variety = 0, related = 0, unrelated = 0;
        int start = 0;
        while (start < codes.Length)
        {
            var division = codes[start].AsSpan(0, Math.Min(2, codes[start].Length));
            int end = start;
            double pg = 0;
            while (end < codes.Length && codes[end].AsSpan(0, Math.Min(2, codes[end].Length)).SequenceEqual(division))
                pg += weightByCode[codes[end++]] / total;
            unrelated += pg * Math.Log2(1 / pg);
            double within = 0;
            for (int k = start; k < end; k++)
            {
                double p = weightByCode[codes[k]] / total;
                variety += p * Math.Log2(1 / p);
                within += p / pg * Math.Log2(pg / p);
            }
            related += pg * within;
            start = end;
        }
        return (variety, related, unrelated);
    }
}
