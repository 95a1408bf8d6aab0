using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Storage;

namespace Pipeline.Grains.Output;

/// <summary>
/// The metric tables a run writes, listed once, and the writer every table of a run is written with (the run's
/// output options and Parquet metadata: run id, schema version, code version), wherever it is written from.
/// </summary>
public static class MetricTableSet
{
    /// <summary>The writer of the tables of run <paramref name="runId"/> in <paramref name="store"/>.</summary>
    public static ParquetTableWriter Writer(IObjectStore store, string runId, OutputOptions output)
    {
        var options = output.ForRun(new Dictionary<string, string>
        {
            ["pipeline.run_id"] = runId, ["pipeline.schema_version"] = OutputTables.SchemaVersion, ["pipeline.code_version"] = CodeVersion.Current,
        });
        return new ParquetTableWriter(store, new RunLayout(runId).Prefix, options, output.RowsPerPart);
    }

    /// <summary>
    /// Writes every metric table of <paramref name="tables"/>, one after another, in this order; scenario_metrics only
    /// when <paramref name="scenarios"/> (scenarios only add a table: the others are the same bytes with them or without).
    /// </summary>
    public static async Task<TableWriteResult[]> WriteAsync(ParquetTableWriter writer, MetricTables tables, bool scenarios, CancellationToken ct)
    {
        TableWriteResult[] written =
        [
            await writer.WriteAsync(OutputTables.FirmMetrics, tables.Firms, ct).ConfigureAwait(false),
            await writer.WriteAsync(OutputTables.ClusterMetrics, tables.Clusters, ct).ConfigureAwait(false),
            await writer.WriteAsync(OutputTables.RegionMetrics, tables.Regions, ct).ConfigureAwait(false),
        ];
        return scenarios ? [.. written, await writer.WriteAsync(OutputTables.ScenarioMetrics, tables.Scenarios, ct).ConfigureAwait(false)] : written;
    }
}
