namespace Pipeline.Grains.Model;

/// <summary>
/// Interns the few distinct strings of country-scale columns (provinces, industry codes, countries) so a firm
/// stores an <c>int</c> instead of a string. Not thread-safe: the reader fills it, everyone else reads it.
/// </summary>
public sealed class StringPool
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIndex;
    private readonly List<string> _values = [];

    public StringPool()
    {
        _spanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        Intern("");
    }

    /// <summary>Index of the empty string (always 0).</summary>
    public const int Empty = 0;

    public int Count => _values.Count;

    public string this[int index] => _values[index];

    /// <summary>Returns the index of <paramref name="value"/>, adding it if new. Allocates only for new strings.</summary>
    public int Intern(ReadOnlySpan<char> value)
    {
        if (_spanIndex.TryGetValue(value, out var i)) return i;
        var s = value.ToString();
        i = _values.Count;
        _values.Add(s);
        _index.Add(s, i);
        return i;
    }

    /// <summary>Index of an existing string or -1.</summary>
    public int Find(ReadOnlySpan<char> value) => _spanIndex.TryGetValue(value, out var i) ? i : -1;
}
