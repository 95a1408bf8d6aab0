namespace Pipeline.Generator;

/// <summary>Data-set size: <see cref="Sample"/> (a few thousand firms, ~20 clusters), <see cref="Region"/> (~220,000 firms,
/// ~1.4 million links), <see cref="National"/> (~10 million firms, ~3,000 clusters, ~60 million links; the contract's pinned preset).</summary>
public enum GeneratorPreset
{
    /// <summary>About 4,000 firms in 21 clusters (the named real clusters scaled to a tenth, plus 14 synthetic ones),
    /// ~25,000 links; the embedded default data set. Generates in well under a second.</summary>
    Sample,
    /// <summary>About 220,000 firms in 132 clusters (the named clusters at their published sizes, the largest 15,000 firms),
    /// ~1.4 million links.</summary>
    Region,
    /// <summary>About 9.8 million firms, 3,000 clusters (log-normal sizes, median ~1,500, ~440 above 5,000, the largest
    /// 50,000), ~59 million links, ~23 million panel rows (~3.7 GB of CSV), Σ n·m ≈ 3·10^11 (≥ 3·10^10).</summary>
    National,
}
