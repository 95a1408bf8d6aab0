namespace Pipeline.Generator;

/// <summary>Data-set size: sample (a few thousand firms), region (~200,000), national (~10 million, ~60 million links).</summary>
public enum GeneratorPreset { Sample, Region, National }

/// <summary>What to generate; <see cref="BadRows"/> adds that many invalid rows of known kinds (quarantine demos and tests).</summary>
public sealed record GeneratorOptions(GeneratorPreset Preset, ulong Seed = 42)
{
    public int BadRows { get; init; }
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>What was written: row counts, Σ n·m over clusters (the betweenness workload), bad rows by table and reason code.</summary>
public sealed record GeneratorReport(long Clusters, long Firms, long Links, long FirmYears, double SumNTimesM,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> BadRowsWritten, TimeSpan Elapsed);

/// <summary>Progress of generation: stage, done and total (clusters).</summary>
public readonly record struct GeneratorProgress(string Stage, long Done, long Total);
