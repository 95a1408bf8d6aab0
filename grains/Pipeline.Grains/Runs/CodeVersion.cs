using System.Reflection;

namespace Pipeline.Grains.Runs;

/// <summary>The version of this code recorded in manifests: the assembly's informational version (includes the git commit when built from a clone).</summary>
public static class CodeVersion
{
    public static string Current { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
