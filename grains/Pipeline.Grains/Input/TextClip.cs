namespace Pipeline.Grains.Input;

/// <summary>Keeps messages short: a value quoted in a message is clipped, and a whole message is bounded.</summary>
public static class TextClip
{
    /// <summary>Longest value quoted in a message.</summary>
    public const int ValueLength = 40;

    /// <summary>Longest message of an unreadable input (it goes to stderr and to <c>_status.json</c>).</summary>
    public const int MessageLength = 1000;

    /// <summary>The value, or its first <paramref name="max"/> characters and "…".</summary>
    public static string Clip(ReadOnlySpan<char> value, int max = ValueLength) =>
        value.Length <= max ? value.ToString() : string.Concat(value[..max], "…");

    /// <summary>A list of names for a message, clipped as a whole (a header may have thousands of columns).</summary>
    public static string List(IEnumerable<string> names, int max = 200) => Clip(string.Join(", ", names), max);
}
