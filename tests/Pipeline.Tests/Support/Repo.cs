namespace Pipeline.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test binaries to Pipeline.sln.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var fromSource = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "..", "..", ".."));
        if (File.Exists(System.IO.Path.Combine(fromSource, "Pipeline.sln"))) return fromSource;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
