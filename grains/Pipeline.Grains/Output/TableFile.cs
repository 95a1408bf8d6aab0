namespace Pipeline.Grains.Output;

/// <summary>One written part of an output table: object name (relative to the run), rows and bytes.</summary>
public sealed record TableFile(string Name, long Rows, long Bytes);

/// <summary>What was written for one output table.</summary>
public sealed record TableWriteResult(string Table, IReadOnlyList<TableFile> Files)
{
    public long Rows => Files.Sum(f => f.Rows);
    public long Bytes => Files.Sum(f => f.Bytes);
}
