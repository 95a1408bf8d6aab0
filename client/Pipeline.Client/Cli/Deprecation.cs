namespace Pipeline.Client.Cli;

/// <summary>Old option spellings that still work for one release, with a note on stderr.</summary>
public static class Deprecation
{
    /// <summary>Writes "warning: OLD is deprecated …" to stderr (never stdout: scripts parse that).</summary>
    public static void Warn(string old, string replacement) =>
        System.Console.Error.WriteLine($"warning: {old} is deprecated and will be removed in the next release; use {replacement}.");
}
