namespace Pipeline.Storage;

/// <summary>Rules for object names shared by every store: relative, '/'-separated, no traversal.</summary>
public static class ObjectName
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a safe relative object name.</summary>
    public static string Validate(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("Object name is empty.", nameof(name));
        if (name.Length > 1024) throw new ArgumentException($"Object name is longer than 1024 characters: '{name[..64]}…'.", nameof(name));
        if (name[0] == '/' || name.Contains('\\') || name.Contains('\0'))
            throw new ArgumentException($"Object name '{name}' must be relative and use '/' separators.", nameof(name));
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 && !ReferenceEquals(segment, name)) continue; // a trailing '/' marks a prefix
            if (segment is "." or "..")
                throw new ArgumentException($"Object name '{name}' contains a '{segment}' segment; path traversal is not allowed.", nameof(name));
        }
        return name;
    }

    /// <summary>Joins name segments with '/', validating the result.</summary>
    public static string Combine(params string[] segments) =>
        Validate(string.Join('/', segments.Where(s => s.Length > 0).Select(s => s.Trim('/'))));
}
