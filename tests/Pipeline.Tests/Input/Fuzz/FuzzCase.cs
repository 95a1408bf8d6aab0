namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// One mutated input and what is known of it beforehand: <see cref="SameData"/> when the mutation must not change
/// what is read (reordered columns, CRLF, a BOM, quoting every field), so the counts must equal the base data set's;
/// <see cref="QuotedLineBreaks"/> is how many line breaks the mutation put inside properly quoted fields (a kept row
/// may span that many extra lines; any other line must be a row of its own or inside a quarantined row).
/// <see cref="Flagged"/> names rows the mutation broke (table, row number): if the input is read they must be
/// quarantined, never kept as if nothing happened; <see cref="MustRefuse"/> marks inputs that cannot be read at all.
/// </summary>
public sealed record FuzzCase(string Kind, string Name, FuzzInput Input, bool SameData = false, int QuotedLineBreaks = 0)
{
    public IReadOnlyList<(string Table, long Row)> Flagged { get; init; } = [];
    public bool MustRefuse { get; init; }

    public override string ToString() => $"{Kind}: {Name}";
}
