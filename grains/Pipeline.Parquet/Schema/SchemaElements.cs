using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet.Schema;

/// <summary>Maps a flat <see cref="ParquetSchema"/> to and from the footer's list of SchemaElements (root first).</summary>
internal static class SchemaElements
{
    public static PhysicalType Physical(ParquetType t) => t switch
    {
        ParquetType.Boolean => PhysicalType.Boolean, ParquetType.Int32 => PhysicalType.Int32, ParquetType.Int64 => PhysicalType.Int64,
        ParquetType.Float => PhysicalType.Float, ParquetType.Double => PhysicalType.Double, ParquetType.String => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static List<SchemaElement> ToElements(ParquetSchema schema)
    {
        var list = new List<SchemaElement>(schema.Columns.Count + 1) { new() { Name = "schema", NumChildren = schema.Columns.Count } };
        foreach (var c in schema.Columns)
        {
            var e = new SchemaElement { Type = Physical(c.Type), RepetitionType = c.Required ? Repetition.Required : Repetition.Optional, Name = c.Name };
            if (c.Type == ParquetType.String) { e.ConvertedType = SchemaElement.ConvertedUtf8; e.LogicalType = SchemaElement.LogicalString; }
            list.Add(e);
        }
        return list;
    }

    /// <summary>The flat schema of a footer; <see cref="ParquetFormatException"/> for nested or unsupported columns.</summary>
    public static ParquetSchema FromElements(List<SchemaElement> elements, string file)
    {
        if (elements.Count < 1) throw new ParquetFormatException($"{file}: the footer has no schema.");
        int children = elements[0].NumChildren ?? 0;
        if (children != elements.Count - 1)
            throw new ParquetFormatException($"{file}: nested schemas are not supported (root has {children} children, {elements.Count - 1} elements follow).");
        var columns = new List<ParquetColumn>(children);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.NumChildren is > 0) throw new ParquetFormatException($"{file}: column '{e.Name}' is a group; nested schemas are not supported.");
            if (e.RepetitionType == Repetition.Repeated) throw new ParquetFormatException($"{file}: column '{e.Name}' is REPEATED; nested schemas are not supported.");
            ParquetType type = e.Type switch
            {
                PhysicalType.Boolean => ParquetType.Boolean, PhysicalType.Int32 => ParquetType.Int32, PhysicalType.Int64 => ParquetType.Int64,
                PhysicalType.Float => ParquetType.Float, PhysicalType.Double => ParquetType.Double, PhysicalType.ByteArray => ParquetType.String,
                _ => throw new ParquetFormatException($"{file}: column '{e.Name}' has unsupported physical type {e.Type?.ToString() ?? "(none)"}."),
            };
            if (!names.Add(e.Name)) throw new ParquetFormatException($"{file}: column '{e.Name}' appears twice in the schema.");
            columns.Add(new ParquetColumn(e.Name, type, e.RepetitionType != Repetition.Optional));
        }
        if (columns.Count == 0) throw new ParquetFormatException($"{file}: the schema has no columns.");
        return new ParquetSchema(columns);
    }
}
