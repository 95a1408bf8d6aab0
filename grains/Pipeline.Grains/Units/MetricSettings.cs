using Pipeline.Grains.Scenarios;

namespace Pipeline.Grains.Units;

/// <summary>
/// The knobs of metric computation, bound from configuration (section <c>Metrics</c>) and the command line.
/// Defaults are documented in docs/metrics.md and the README.
/// </summary>
public sealed record MetricSettings
{
    /// <summary>Clusters up to this many firms get exact Brandes betweenness; larger ones a seeded pivot estimate.</summary>
    public int BetweennessExactMaxFirms { get; init; } = 5_000;

    /// <summary>Number of pivot sources of the Brandes–Pich estimate for clusters above <see cref="BetweennessExactMaxFirms"/>.</summary>
    public int BetweennessPivots { get; init; } = 512;

    /// <summary>Seed of the pivot sampling (each cluster derives its own seed from this and its id).</summary>
    public ulong BetweennessSeed { get; init; } = 20_261_122;

    /// <summary>Shock period [ShockStart, ShockEnd] for resistance (default 2008–2009).</summary>
    public int ShockStart { get; init; } = 2008;
    public int ShockEnd { get; init; } = 2009;

    /// <summary>Recovery period [ShockEnd, RecoveryEnd] for recovery (default 2009–2012).</summary>
    public int RecoveryEnd { get; init; } = 2012;

    /// <summary>Reference year for firm age and entry rate; null = latest firm_years year, else latest founded_year.</summary>
    public int? AsOfYear { get; init; }

    /// <summary>Number of firm partitions (hash of firm_id); 0 = automatic (about 250,000 firms each, at least 2).</summary>
    public int FirmPartitions { get; init; }

    /// <summary>The built-in shock scenarios of scenario_metrics on every cluster (setting <c>Metrics:Scenarios</c>, default true).</summary>
    public bool Scenarios { get; init; } = true;

    /// <summary>The user scenarios of <c>run --scenarios FILE</c>, each firm list sorted without repeats.</summary>
    public IReadOnlyList<UserScenario> UserScenarios { get => _userScenarios; init => _userScenarios = value as UserScenarioList ?? new UserScenarioList(value); }

    private readonly UserScenarioList _userScenarios = UserScenarioList.Empty; // compared by value in the record's equality

    /// <summary>Whether the run writes scenario_metrics: built-in scenarios on, or user scenarios given.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WritesScenarios => Scenarios || UserScenarios.Count > 0;

    public void Validate()
    {
        if (BetweennessExactMaxFirms < 0) throw new ArgumentException("Betweenness exact limit must be ≥ 0.");
        if (BetweennessPivots < 1) throw new ArgumentException("Betweenness pivots must be ≥ 1.");
        if (!(ShockStart < ShockEnd && ShockEnd < RecoveryEnd))
            throw new ArgumentException($"Shock and recovery periods must satisfy start < shock end < recovery end (got {ShockStart}:{ShockEnd} and {ShockEnd}:{RecoveryEnd}).");
        if (FirmPartitions < 0) throw new ArgumentException("Firm partitions must be ≥ 0.");
    }
}
