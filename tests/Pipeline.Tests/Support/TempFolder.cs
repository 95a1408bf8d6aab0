namespace Pipeline.Tests.Support;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? copyFrom = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipeline-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (copyFrom is not null)
            foreach (var f in Directory.GetFiles(copyFrom)) System.IO.File.Copy(f, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(f)));
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Write(string name, string content) => System.IO.File.WriteAllText(File(name), content);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
