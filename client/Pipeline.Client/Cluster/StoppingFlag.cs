namespace Pipeline.Client.Cluster;

/// <summary>Set once a command is done with Orleans and its host is being stopped (its logs are dropped from then on).</summary>
public sealed class StoppingFlag
{
    public volatile bool IsSet;
}
