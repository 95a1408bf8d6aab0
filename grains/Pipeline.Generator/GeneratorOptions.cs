namespace Pipeline.Generator;

/// <summary>What to generate: a preset and a seed (the same seed writes the same bytes).</summary>
/// <param name="Preset">The data-set size.</param>
/// <param name="Seed">The seed of every random draw.</param>
public sealed record GeneratorOptions(GeneratorPreset Preset, ulong Seed = 42)
{
    /// <summary>How many invalid rows of known kinds to append (quarantine demos and tests); 0 = a fully valid data set.</summary>
    public int BadRows { get; init; } = 0;

    /// <summary>Threads generating clusters at once (default: processor count). The output does not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
