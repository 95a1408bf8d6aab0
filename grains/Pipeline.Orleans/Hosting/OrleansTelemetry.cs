namespace Pipeline.Orleans.Hosting;

/// <summary>
/// Orleans' own activity sources and meter, exported over OTLP with the pipeline's (client and silo host): grain
/// calls as spans in the run's trace (activity propagation is on in both), and Orleans' runtime metrics.
/// </summary>
public static class OrleansTelemetry
{
    public const string RuntimeSource = "Microsoft.Orleans.Runtime";
    public const string ApplicationSource = "Microsoft.Orleans.Application";
    public const string Meter = "Microsoft.Orleans";
}
