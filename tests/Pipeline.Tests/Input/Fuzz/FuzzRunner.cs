using Pipeline.Grains.Input;
using Pipeline.Storage;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>Runs one fuzz case in this process: writes its folder, reads it, computes the metrics of what was kept, and lists what went wrong.</summary>
public static class FuzzRunner
{
    public sealed record Outcome(bool Unreadable, List<string> Problems);

    public static async Task<InputReadResult> ReadAsync(FuzzInput input)
    {
        using var dir = new TempFolder();
        input.WriteTo(dir.Path);
        try { return await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path)); }
        finally { input.CleanUp(dir.Path); }
    }

    public static async Task<Outcome> CheckAsync(FuzzCase c, InputReadResult baseline)
    {
        var problems = new List<string>();
        InputReadResult read;
        try
        {
            read = await ReadAsync(c.Input);
        }
        catch (InputUnreadableException e)
        {
            problems.AddRange(InputInvariants.OfUnreadable(e));
            if (c.SameData) problems.Add($"refused an input that holds the base data: {e.Message}");
            return new(true, problems);
        }
        catch (Exception e)
        {
            problems.Add($"{e.GetType().Name}: {Short(e.Message)}");
            return new(false, problems);
        }
        problems.AddRange(InputInvariants.OfRead(c.Input, read, c.QuotedLineBreaks));
        if (c.MustRefuse) problems.Add("read although it cannot be read unambiguously");
        foreach (var (table, row) in c.Flagged)
            if (!read.Quarantine.Rows.Any(q => q.SourceTable == table && q.RowNumber == row))
                problems.Add($"{table} row {row} was broken by the mutation but not quarantined");
        if (c.SameData) problems.AddRange(InputInvariants.SameAsBase(read, baseline));
        try
        {
            problems.AddRange(FiniteOutputs.Problems(InProcessMetrics.Compute(read.Dataset)));
        }
        catch (Exception e)
        {
            problems.Add($"metrics: {e.GetType().Name}: {Short(e.Message)}");
        }
        return new(false, problems);
    }

    private static string Short(string message) => message.Length <= 300 ? message : message[..300] + "…";
}
