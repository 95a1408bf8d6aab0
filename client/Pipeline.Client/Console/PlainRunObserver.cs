using System.Diagnostics;
using Pipeline.Grains.Runs;

namespace Pipeline.Client.Console;

/// <summary>Progress as plain timestamped lines (when output is redirected: logs, CI): each stage, and compute progress every 10% or 10 s.</summary>
public sealed class PlainRunObserver(TextWriter output) : IRunObserver
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastPercent = -1;
    private TimeSpan _lastLine;

    public void StageStarted(RunStage stage, string detail)
    {
        lock (_gate) { _lastPercent = -1; Line($"{Name(stage)}: {detail}"); }
    }

    public void Progress(RunStage stage, long done, long total)
    {
        if (total <= 0) return;
        long percent = done * 100 / total;
        lock (_gate)
        {
            if (done != total && percent / 10 == _lastPercent / 10 && _clock.Elapsed - _lastLine < TimeSpan.FromSeconds(10)) return;
            if (percent == _lastPercent) return;
            _lastPercent = percent;
            Line($"{Name(stage)}: {done:N0}/{total:N0} units ({percent}%)");
        }
    }

    public void StageFinished(RunStage stage, TimeSpan elapsed)
    {
        lock (_gate) Line($"{Name(stage)}: done in {elapsed.TotalSeconds:F1} s");
    }

    public void Info(string message)
    {
        lock (_gate) Line(message);
    }

    private void Line(string text)
    {
        _lastLine = _clock.Elapsed;
        output.WriteLine($"[{_clock.Elapsed:hh\\:mm\\:ss\\.f}] {text}");
        output.Flush();
    }

    internal static string Name(RunStage stage) => stage.ToString().ToLowerInvariant();
}
