using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Silo.Broker;

/// <summary>
/// A work item on <c>pipeline.units</c>: which run, where its output store is (a folder or blob URI without secrets;
/// silos take credentials from their own environment), the item's name (its input is <c>_work/in/ITEM.bin</c>, its
/// output <c>_work/out/ITEM.bin</c>) and its units.
/// </summary>
public sealed record WorkItemMessage(string RunId, string Output, string Item, string[] Units, long Firms);

/// <summary>What a silo reports on <c>pipeline.events</c>: an item done (its output is in storage) or an attempt that failed.</summary>
public sealed record UnitEvent(string RunId, string Item, string[] Units, string Kind, string Silo, long Firms,
    double ComputeMs, double StagingMs, string? Error = null)
{
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>JSON of broker messages (camelCase).</summary>
public static class BrokerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
    public static T Deserialize<T>(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize<T>(body, Options) ?? throw new InvalidDataException($"Empty {typeof(T).Name} message.");
}
