using System.Runtime.InteropServices;

namespace Pipeline.Client.Commands;

/// <summary>
/// Graceful stop for long commands (<c>run</c>, <c>schedule</c>): the first Ctrl+C, SIGINT or SIGTERM cancels
/// <see cref="Token"/> and keeps the process alive so the command can finish cleanly (a run records the cancellation
/// in _status.json; the scheduler waits for a run under way); a second signal ends the process at once.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _onInt, _onTerm;

    public TerminationSignals(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first termination signal (or the outer token).</summary>
    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext signal)
    {
        if (_stop.IsCancellationRequested) return;     // second signal: the default action ends the process
        signal.Cancel = true;
        _stop.Cancel();
    }

    public void Dispose()
    {
        _onInt.Dispose();
        _onTerm.Dispose();
        _stop.Dispose();
    }
}
