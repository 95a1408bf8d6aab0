namespace Pipeline.Grains.Input.Validation;

/// <summary>Rows read, kept and quarantined for one input table; <c>Read == Kept + Quarantined</c> always.</summary>
public sealed class TableCounts(string table)
{
    public string Table { get; } = table;
    public long Read { get; private set; }
    public long Kept { get; private set; }
    public long Quarantined { get; private set; }
    /// <summary>Quarantined rows per contract reason code.</summary>
    public SortedDictionary<string, long> ByReason { get; } = new(StringComparer.Ordinal);

    internal void CountKept() { Read++; Kept++; }

    internal void CountQuarantined(QuarantineReason reason)
    {
        Read++; Quarantined++;
        var code = reason.Code();
        ByReason[code] = ByReason.GetValueOrDefault(code) + 1;
    }
}
