namespace Pipeline.Grains.Scenarios;

/// <summary>
/// A user scenario of <c>run --scenarios FILE</c>: a name and the firms that leave, each with all its links
/// (contract, "scenario_metrics"). <see cref="Firms"/> is sorted ascending without repeats (see <see cref="ScenarioFile"/>).
/// </summary>
public sealed record UserScenario(string Name, long[] Firms)
{
    /// <summary>True if firm <paramref name="firmId"/> is one of the scenario's firms (binary search).</summary>
    public bool Removes(long firmId) => Array.BinarySearch(Firms, firmId) >= 0;

    /// <summary>Value equality: the same name and the same firms.</summary>
    public bool Equals(UserScenario? other) => other is not null && Name == other.Name && Firms.AsSpan().SequenceEqual(other.Firms);

    public override int GetHashCode() => HashCode.Combine(Name, Firms.Length);
}
