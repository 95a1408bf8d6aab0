namespace Pipeline.Grains.Runs;

/// <summary>The content of <c>_manifest.json</c>, written last and only on success (contract).</summary>
public sealed record RunManifest
{
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required ManifestInput Input { get; init; }
    public required string CodeVersion { get; init; }
    public required string SchemaVersion { get; init; }
    public required string Engine { get; init; }
    /// <summary>Rows read per input table.</summary>
    public required SortedDictionary<string, long> RowsRead { get; init; }
    /// <summary>Rows quarantined per input table.</summary>
    public required SortedDictionary<string, long> Quarantined { get; init; }
    /// <summary>Rows quarantined per input table and reason code.</summary>
    public required SortedDictionary<string, SortedDictionary<string, long>> QuarantinedByReason { get; init; }
    /// <summary>Per output table: its files, rows and bytes.</summary>
    public required SortedDictionary<string, ManifestTable> Tables { get; init; }
    /// <summary>Contract columns not computed by this version (left out of the files, never filled with nulls).</summary>
    public required IReadOnlyList<string> PendingColumns { get; init; }
    /// <summary>Clusters whose betweenness is a seeded pivot estimate rather than exact.</summary>
    public required IReadOnlyList<EstimatedBetweenness> BetweennessEstimated { get; init; }
    public required ManifestSettings Settings { get; init; }
    /// <summary>
    /// The shock scenarios of <c>scenario_metrics</c> this run computed: the built-in names (empty with
    /// <c>Metrics:Scenarios=false</c>) and every <c>--scenarios FILE</c> scenario with its firms, so the manifest alone
    /// says what a scenario row means. Additive: absent in older manifests.
    /// </summary>
    public ManifestScenarios? Scenarios { get; init; }
    /// <summary>What started the run (<c>manual</c>, <c>scheduled</c>); additive, absent in older manifests.</summary>
    public string? Trigger { get; init; }
    /// <summary>W3C trace id of the run when tracing was on.</summary>
    public string? TraceId { get; init; }
}

public sealed record ManifestInput(string Uri, string Fingerprint, IReadOnlyList<Input.InputFile> Files);

public sealed record ManifestTable(IReadOnlyList<Output.TableFile> Files, long Rows, long Bytes);

public sealed record EstimatedBetweenness(string ClusterId, int Firms, int Pivots, ulong Seed);

/// <summary>The scenarios of a run (see <see cref="RunManifest.Scenarios"/>).</summary>
public sealed record ManifestScenarios(IReadOnlyList<string> BuiltIn, IReadOnlyList<Scenarios.UserScenario> User);

public sealed record ManifestSettings(
    int BetweennessExactMaxFirms, int BetweennessPivots, ulong BetweennessSeed,
    int ShockStart, int ShockEnd, int RecoveryEnd, int? AsOfYear, int FirmPartitions);
