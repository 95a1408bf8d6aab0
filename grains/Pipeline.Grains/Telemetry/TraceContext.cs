using System.Diagnostics;

namespace Pipeline.Grains.Telemetry;

/// <summary>
/// W3C Trace Context (https://www.w3.org/TR/trace-context/) in a string dictionary, e.g. message headers: a
/// producer injects the current span's <c>traceparent</c> (<c>00-TRACEID-SPANID-FLAGS</c>) and <c>tracestate</c>; a
/// consumer extracts them and starts its span with that parent, so a unit computed on another host joins the run's
/// trace.
/// </summary>
public static class TraceContext
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Writes <paramref name="context"/> (default: the current span's) into <paramref name="headers"/>; does nothing without a span.</summary>
    public static void Inject(IDictionary<string, string> headers, ActivityContext? context = null)
    {
        var ctx = context ?? Activity.Current?.Context ?? default;
        if (ctx.TraceId == default || ctx.SpanId == default) return;
        headers[TraceParent] = $"00-{ctx.TraceId.ToHexString()}-{ctx.SpanId.ToHexString()}-{((ctx.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
        if (!string.IsNullOrEmpty(ctx.TraceState)) headers[TraceState] = ctx.TraceState;
        else headers.Remove(TraceState);
    }

    /// <summary>Reads a parent context from <paramref name="headers"/>; false when absent or malformed.</summary>
    public static bool TryExtract(IReadOnlyDictionary<string, string> headers, out ActivityContext context)
    {
        context = default;
        if (!headers.TryGetValue(TraceParent, out var parent)) return false;
        headers.TryGetValue(TraceState, out var state);
        return ActivityContext.TryParse(parent, state, isRemote: true, out context);
    }
}
