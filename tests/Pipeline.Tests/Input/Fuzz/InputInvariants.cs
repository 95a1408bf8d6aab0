using Pipeline.Grains.Input;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// What must hold after reading any input: per table rows read = kept + quarantined, the kept rows are really in the
/// data set, every quarantined row has a contract reason code and a short reason, and every non-empty line after the
/// header is a row read or a further line of a quarantined row (none vanished into a kept row). An input that cannot
/// be read gives one short message naming the file.
/// </summary>
public static class InputInvariants
{
    private static readonly Dictionary<string, string> FileOf = new(StringComparer.Ordinal)
    {
        ["clusters"] = "clusters.csv", ["firms"] = "firms.csv", ["links"] = "links.csv", ["firm_years"] = "firm_years.csv",
    };

    public static IEnumerable<string> OfRead(FuzzInput input, InputReadResult r, int quotedLineBreaks)
    {
        var d = r.Dataset;
        var kept = new Dictionary<string, long>
        {
            ["clusters"] = d.Clusters.Length, ["firms"] = d.Firms.Length, ["links"] = d.Links.Length, ["firm_years"] = d.FirmYears?.Length ?? 0,
        };
        foreach (var t in r.Quarantine.Tables)
        {
            if (t.Read != t.Kept + t.Quarantined) yield return $"{t.Table}: read {t.Read} ≠ kept {t.Kept} + quarantined {t.Quarantined}";
            if (kept[t.Table] != t.Kept) yield return $"{t.Table}: {t.Kept} counted kept, {kept[t.Table]} in the data set";
            long rows = r.Quarantine.Rows.Count(q => q.SourceTable == t.Table);
            if (rows != t.Quarantined) yield return $"{t.Table}: {t.Quarantined} counted quarantined, {rows} quarantine rows";
            if (input.Files.TryGetValue(FileOf[t.Table], out var bytes))
            {
                // Every data line is a row read, or a further line of a quarantined row (its raw text shows it).
                long lines = CsvRecords.DataLines(bytes), inQuarantine = 0;
                foreach (var q in r.Quarantine.Rows) if (q.SourceTable == t.Table) inQuarantine += CsvRecords.LineBreaks(q.Raw);
                long unaccounted = lines - t.Read - inQuarantine;
                if (unaccounted < 0 || unaccounted > quotedLineBreaks)
                    yield return $"{t.Table}: {lines} data lines, {t.Read} rows read, {inQuarantine} further lines in quarantined rows";
            }
        }
        foreach (var q in r.Quarantine.Rows)
        {
            if (!ContractReasons.Codes.Contains(q.ReasonCode)) yield return $"reason code '{q.ReasonCode}' is not the contract's";
            if (q.Reason.Length > 500) yield return $"{q.SourceTable} row {q.RowNumber}: reason of {q.Reason.Length} characters";
        }
    }

    public static IEnumerable<string> OfUnreadable(InputUnreadableException e)
    {
        if (e.Message.Length > ContractReasons.MaxMessage) yield return $"message of {e.Message.Length} characters";
        if (!ContractReasons.NamesAFile(e.Message)) yield return $"message names no input file: {e.Message}";
        if (ContractReasons.HasStackTrace(e.Message)) yield return "message holds a stack trace";
    }

    /// <summary>A mutation that must not change what is read gives the base data set's counts.</summary>
    public static IEnumerable<string> SameAsBase(InputReadResult r, InputReadResult baseline)
    {
        var expected = baseline.Quarantine.Tables.ToDictionary(t => t.Table, t => (t.Read, t.Kept, t.Quarantined));
        foreach (var t in r.Quarantine.Tables)
            if (!expected.TryGetValue(t.Table, out var e) || e != (t.Read, t.Kept, t.Quarantined))
                yield return $"{t.Table}: read/kept/quarantined {(t.Read, t.Kept, t.Quarantined)}, the base data set {e}";
        if (r.Quarantine.Tables.Count != expected.Count) yield return $"{r.Quarantine.Tables.Count} tables read, the base data set {expected.Count}";
    }
}
