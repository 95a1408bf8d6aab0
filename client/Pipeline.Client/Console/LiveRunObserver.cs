using Pipeline.Grains.Runs;
using Spectre.Console;

namespace Pipeline.Client.Console;

/// <summary>Live progress bars per stage with Spectre.Console, for an interactive terminal.</summary>
public sealed class LiveRunObserver(ProgressContext context) : IRunObserver
{
    private readonly object _gate = new();
    private readonly Dictionary<RunStage, ProgressTask> _tasks = [];

    public void StageStarted(RunStage stage, string detail)
    {
        lock (_gate)
        {
            var task = context.AddTask($"[bold]{PlainRunObserver.Name(stage)}[/] {Markup.Escape(detail)}", maxValue: 1);
            task.IsIndeterminate = true;
            _tasks[stage] = task;
        }
    }

    public void Progress(RunStage stage, long done, long total)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(stage, out var task) || total <= 0) return;
            task.IsIndeterminate = false;
            task.MaxValue = total;
            task.Value = done;
        }
    }

    public void StageFinished(RunStage stage, TimeSpan elapsed)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(stage, out var task)) return;
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.Description += $" [grey]({elapsed.TotalSeconds:F1} s)[/]";
            task.StopTask();
        }
    }

    public void Info(string message)
    {
        lock (_gate) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
    }
}
