using System.Collections;

namespace Pipeline.Grains.Scenarios;

/// <summary>
/// The user scenarios of a run's settings as a list with value equality (name and firms, in order), so settings
/// that travel through JSON or the work store's codecs compare equal to the ones they were made from.
/// </summary>
public sealed class UserScenarioList(IEnumerable<UserScenario> scenarios) : IReadOnlyList<UserScenario>, IEquatable<UserScenarioList>
{
    public static readonly UserScenarioList Empty = new([]);

    private readonly UserScenario[] _items = [.. scenarios];

    public UserScenario this[int index] => _items[index];
    public int Count => _items.Length;
    public IEnumerator<UserScenario> GetEnumerator() => ((IEnumerable<UserScenario>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(UserScenarioList? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);
    public override bool Equals(object? obj) => Equals(obj as UserScenarioList);
    public override int GetHashCode() => _items.Length;
}
