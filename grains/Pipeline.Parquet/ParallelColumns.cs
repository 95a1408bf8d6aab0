using System.Runtime.ExceptionServices;

namespace Pipeline.Parquet;

/// <summary>
/// Runs one action per column, up to a given number at once (inline on the caller's thread when that number is 1 or
/// there is one column), and rethrows a failure as the exception itself rather than an <see cref="AggregateException"/>,
/// so callers see the same errors as a sequential loop. Used by the writer's batch encoding and the reader's row groups.
/// </summary>
internal static class ParallelColumns
{
    public static void For(int count, int maxDegreeOfParallelism, Action<int> body)
    {
        if (maxDegreeOfParallelism <= 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
