namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// One input folder of a fuzz case: the table files by name (bytes as they will be written) and extra folder
/// arrangements (odd folders, links, permissions) applied after the files are written.
/// </summary>
public sealed class FuzzInput
{
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);
    public List<Action<string>> Arrangements { get; } = [];
    /// <summary>Undoes what the arrangements did that would stop the folder being deleted (permissions).</summary>
    public List<Action<string>> Cleanups { get; } = [];

    public FuzzInput Clone()
    {
        var copy = new FuzzInput();
        foreach (var (name, bytes) in Files) copy.Files[name] = bytes;
        copy.Arrangements.AddRange(Arrangements);
        copy.Cleanups.AddRange(Cleanups);
        return copy;
    }

    public FuzzInput With(string name, byte[] bytes)
    {
        var copy = Clone();
        copy.Files[name] = bytes;
        return copy;
    }

    public FuzzInput Without(string name)
    {
        var copy = Clone();
        copy.Files.Remove(name);
        return copy;
    }

    public FuzzInput Arranged(Action<string> arrange, Action<string>? cleanup = null)
    {
        var copy = Clone();
        copy.Arrangements.Add(arrange);
        if (cleanup is not null) copy.Cleanups.Add(cleanup);
        return copy;
    }

    public void WriteTo(string folder)
    {
        foreach (var (name, bytes) in Files) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        foreach (var arrange in Arrangements) arrange(folder);
    }

    public void CleanUp(string folder)
    {
        foreach (var cleanup in Cleanups) cleanup(folder);
    }
}
