namespace Pipeline.Grains.Input.Validation;

/// <summary>Collects quarantined rows and per-table counts while the input is read.</summary>
public sealed class QuarantineLog
{
    private readonly List<QuarantineRow> _rows = [];
    private readonly Dictionary<string, TableCounts> _counts = new(StringComparer.Ordinal);

    public IReadOnlyList<QuarantineRow> Rows => _rows;

    /// <summary>Counts of the tables read so far, in the order they were read.</summary>
    public IReadOnlyList<TableCounts> Tables => [.. _counts.Values];

    public TableCounts For(string table)
    {
        if (!_counts.TryGetValue(table, out var c)) _counts[table] = c = new TableCounts(table);
        return c;
    }

    /// <summary>Takes over the tables and rows of a log filled on another thread (its tables must be new here).</summary>
    public void Append(QuarantineLog other)
    {
        foreach (var (table, counts) in other._counts)
            if (!_counts.TryAdd(table, counts)) throw new InvalidOperationException($"Table '{table}' was read twice.");
        _rows.AddRange(other._rows);
    }

    public void Keep(string table) => For(table).CountKept();

    public void Quarantine(string table, ITableCursor row, Rejection rejection)
    {
        For(table).CountQuarantined(rejection.Reason);
        _rows.Add(new QuarantineRow(table, row.RowNumber, row.RawRow(), rejection.Reason.Code(), rejection.Message));
    }
}
