using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pipeline.Grains.Output;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;
using Parquet;
using Pipeline.Storage.Azure;

namespace Pipeline.Client.Configuration;

/// <summary>
/// Configuration of the command line: <c>appsettings.json</c> beside the program, then environment variables
/// prefixed <c>PIPELINE_</c> (<c>PIPELINE_Metrics__BetweennessPivots=256</c>), then the command's own flags, which win.
/// Secrets (storage keys, connection strings) come only from the environment or configuration and are never printed.
/// </summary>
public sealed class PipelineConfiguration(IConfiguration configuration)
{
    public IConfiguration Raw { get; } = configuration;

    public static PipelineConfiguration Load(IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("PIPELINE_");
        if (overrides is not null) builder.AddInMemoryCollection(overrides.Where(kv => kv.Value is not null));
        return new PipelineConfiguration(builder.Build());
    }

    public string Output => Raw["Run:Output"] is { Length: > 0 } o ? o : "out";
    public int Parallelism => Int("Run:Parallelism") ?? 0;
    public ulong SampleSeed => ULong("Run:SampleSeed") ?? 42;

    public MetricSettings Metrics()
    {
        var d = new MetricSettings();
        var (shockStart, shockEnd) = Period("Metrics:Shock", (d.ShockStart, d.ShockEnd));
        var (recoveryStart, recoveryEnd) = Period("Metrics:Recovery", (d.ShockEnd, d.RecoveryEnd));
        if (recoveryStart != shockEnd)
            throw new ArgumentException($"The recovery period must start when the shock ends (shock {shockStart}:{shockEnd}, recovery {recoveryStart}:{recoveryEnd}).");
        var settings = new MetricSettings
        {
            BetweennessExactMaxFirms = Int("Metrics:BetweennessExactMaxFirms") ?? d.BetweennessExactMaxFirms,
            BetweennessPivots = Int("Metrics:BetweennessPivots") ?? d.BetweennessPivots,
            BetweennessSeed = ULong("Metrics:BetweennessSeed") ?? d.BetweennessSeed,
            ShockStart = shockStart,
            ShockEnd = shockEnd,
            RecoveryEnd = recoveryEnd,
            AsOfYear = Int("Metrics:AsOf"),
            FirmPartitions = Int("Metrics:FirmPartitions") ?? 0,
            Scenarios = Bool("Metrics:Scenarios") ?? d.Scenarios,
            UserScenarios = Raw["Metrics:ScenariosFile"] is { Length: > 0 } file ? ScenarioFile.Read(file) : [],
        };
        settings.Validate();
        return settings;
    }

    public OutputOptions OutputFormat()
    {
        var codec = (Raw["Parquet:Codec"] ?? "snappy").ToLowerInvariant() switch
        {
            "snappy" => CompressionMethod.Snappy,
            "gzip" => CompressionMethod.Gzip,
            "zstd" => CompressionMethod.Zstd,
            "none" or "uncompressed" => CompressionMethod.None,
            var other => throw new ArgumentException($"Unknown Parquet codec '{other}' (snappy, gzip, zstd, uncompressed)."),
        };
        int rowGroupRows = Int("Parquet:RowGroupRows") ?? 1_000_000;
        if (rowGroupRows < 1) throw new ArgumentException($"Parquet:RowGroupRows must be at least 1 (got {rowGroupRows}).");
        if (Raw["Parquet:DataPageVersion"] is { Length: > 0 })
            throw new ArgumentException("Parquet:DataPageVersion was removed: outputs are written by Parquet.Net with data pages v1, which every reader reads. Remove the setting.");
        return new() { Codec = codec, RowGroupRows = rowGroupRows };
    }

    /// <summary>
    /// Tuning of blob uploads and retries from the <c>Blob</c> section (all optional; defaults of
    /// <see cref="BlobStoreOptions"/>): <c>BlockSize</c> and <c>SingleUploadMaxBytes</c> (bytes),
    /// <c>MaxParallelBlocks</c>, <c>MaxRetries</c>, <c>RetryBaseDelayMs</c>, <c>RetryMaxDelayMs</c>,
    /// <c>RequestTimeoutSeconds</c>, <c>ComputeContentMd5</c> (true/false), mapped onto the Azure SDK's transfer, retry, timeout and
    /// validation options (<see cref="BlobStoreOptions.ClientOptions"/>). Credentials are never read from here: they come from
    /// <c>AZURE_STORAGE_CONNECTION_STRING</c>, a SAS URL, or Microsoft Entra ID sign-in only.
    /// </summary>
    public BlobStoreOptions BlobOptions()
    {
        var d = new BlobStoreOptions();
        int blockSize = Int("Blob:BlockSize") ?? d.BlockSize;
        var options = d with
        {
            BlockSize = blockSize,
            SingleUploadMaxBytes = Int("Blob:SingleUploadMaxBytes") ?? Math.Min(d.SingleUploadMaxBytes, blockSize),
            MaxParallelBlocks = Int("Blob:MaxParallelBlocks") ?? d.MaxParallelBlocks,
            MaxRetries = Int("Blob:MaxRetries") ?? d.MaxRetries,
            RetryBaseDelay = Int("Blob:RetryBaseDelayMs") is { } baseMs ? TimeSpan.FromMilliseconds(baseMs) : d.RetryBaseDelay,
            RetryMaxDelay = Int("Blob:RetryMaxDelayMs") is { } maxMs ? TimeSpan.FromMilliseconds(maxMs) : d.RetryMaxDelay,
            RequestTimeout = Int("Blob:RequestTimeoutSeconds") is { } s ? TimeSpan.FromSeconds(s) : d.RequestTimeout,
            ComputeContentMd5 = Raw["Blob:ComputeContentMd5"] is { Length: > 0 } md5
                ? bool.TryParse(md5, out var on) ? on : throw new ArgumentException($"Setting Blob:ComputeContentMd5 must be true or false: '{md5}'.")
                : d.ComputeContentMd5,
        };
        options.Validate();
        return options;
    }

    private int? Int(string key) => Raw[key] is { Length: > 0 } s
        ? int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"Setting {key} is not an integer: '{s}'.")
        : null;

    private bool? Bool(string key) => Raw[key] is { Length: > 0 } s
        ? bool.TryParse(s, out var v) ? v : throw new ArgumentException($"Setting {key} must be true or false: '{s}'.")
        : null;

    private ulong? ULong(string key) => Raw[key] is { Length: > 0 } s
        ? ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"Setting {key} is not a non-negative integer: '{s}'.")
        : null;

    /// <summary>Parses a period "START:END" of years.</summary>
    private (int, int) Period(string key, (int, int) fallback)
    {
        if (Raw[key] is not { Length: > 0 } s) return fallback;
        var parts = s.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b) && a < b)
            return (a, b);
        throw new ArgumentException($"Setting {key} must be a period START:END of years with START < END, e.g. 2008:2009 (got '{s}').");
    }
}
