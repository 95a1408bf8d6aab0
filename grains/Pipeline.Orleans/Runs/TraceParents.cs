using System.Diagnostics;

namespace Pipeline.Orleans.Runs;

/// <summary>W3C <c>traceparent</c> values carried in submissions and unit assignments (one trace per run across client and silos).</summary>
public static class TraceParents
{
    /// <summary>The span context of <paramref name="traceParent"/>, or none when it is absent or malformed.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        traceParent is { Length: > 0 } && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;

    /// <summary>The <c>traceparent</c> of <paramref name="span"/>, or null without one.</summary>
    public static string? Of(Activity? span) => span is null ? null : $"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-{((span.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
}
