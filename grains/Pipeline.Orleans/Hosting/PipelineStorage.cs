namespace Pipeline.Orleans.Hosting;

/// <summary>The name of the grain storage provider that holds run coordinators' state.</summary>
public static class PipelineStorage
{
    public const string Name = "pipeline";
}
