namespace Pipeline.Parquet;

/// <summary>A flat schema: an ordered list of uniquely named columns.</summary>
public sealed class ParquetSchema
{
    public ParquetSchema(IReadOnlyList<ParquetColumn> columns)
    {
        if (columns.Count == 0) throw new ArgumentException("A schema needs at least one column.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
            if (!names.Add(c.Name)) throw new ArgumentException($"Column '{c.Name}' appears twice.");
        Columns = columns;
    }

    public IReadOnlyList<ParquetColumn> Columns { get; }

    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i].Name == name) return i;
        return -1;
    }
}
