using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet.Schema;

/// <summary>
/// Maps a flat <see cref="ParquetSchema"/> to and from the footer's list of SchemaElements (root first): physical
/// types, REQUIRED/OPTIONAL, and the logical types STRING, DATE, TIMESTAMP and DECIMAL — written both as LogicalType
/// and as the legacy converted_type (UTF8, DATE, TIMESTAMP_MICROS, DECIMAL + scale/precision) for older readers, and
/// read from either.
/// </summary>
internal static class SchemaElements
{
    public static PhysicalType Physical(ParquetType storage) => storage switch
    {
        ParquetType.Boolean => PhysicalType.Boolean, ParquetType.Int32 => PhysicalType.Int32, ParquetType.Int64 => PhysicalType.Int64,
        ParquetType.Float => PhysicalType.Float, ParquetType.Double => PhysicalType.Double, ParquetType.String => PhysicalType.ByteArray,
        _ => throw new ArgumentOutOfRangeException(nameof(storage)),
    };

    public static List<SchemaElement> ToElements(ParquetSchema schema)
    {
        var list = new List<SchemaElement>(schema.Columns.Count + 1) { new() { Name = "schema", NumChildren = schema.Columns.Count } };
        foreach (var c in schema.Columns)
        {
            var e = new SchemaElement { Type = Physical(c.Storage), RepetitionType = c.Required ? Repetition.Required : Repetition.Optional, Name = c.Name };
            switch (c.Type)
            {
                case ParquetType.String: e.ConvertedType = SchemaElement.ConvertedUtf8; e.LogicalType = SchemaElement.LogicalString; break;
                case ParquetType.Date: e.ConvertedType = SchemaElement.ConvertedDate; e.LogicalType = SchemaElement.LogicalDate; break;
                case ParquetType.Timestamp:
                    if (c.Unit != TimestampUnit.Micros || !c.Utc) throw new ArgumentException($"Column '{c.Name}': the writer writes timestamps in microseconds, UTC.");
                    e.ConvertedType = SchemaElement.ConvertedTimestampMicros;
                    e.LogicalType = SchemaElement.LogicalTimestamp; e.TimestampUtc = true; e.TimestampUnit = 2;
                    break;
                case ParquetType.Decimal:
                    e.ConvertedType = SchemaElement.ConvertedDecimal; e.Scale = c.Scale; e.Precision = c.Precision;
                    e.LogicalType = SchemaElement.LogicalDecimal; e.LogicalScale = c.Scale; e.LogicalPrecision = c.Precision;
                    break;
            }
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
            if (!names.Add(e.Name)) throw new ParquetFormatException($"{file}: column '{e.Name}' appears twice in the schema.");
            columns.Add(Column(e, file));
        }
        if (columns.Count == 0) throw new ParquetFormatException($"{file}: the schema has no columns.");
        return new ParquetSchema(columns);
    }

    private static ParquetColumn Column(SchemaElement e, string file)
    {
        bool required = e.RepetitionType != Repetition.Optional;
        bool isDecimal = e.LogicalType == SchemaElement.LogicalDecimal || e.ConvertedType == SchemaElement.ConvertedDecimal;
        switch (e.Type)
        {
            case PhysicalType.Int32 or PhysicalType.Int64 when isDecimal:
                int precision = e.LogicalPrecision ?? e.Precision ?? 0, scale = e.LogicalScale ?? e.Scale ?? 0;
                int maxPrecision = e.Type == PhysicalType.Int32 ? 9 : 18;
                if (precision < 1 || precision > maxPrecision || scale < 0 || scale > precision)
                    throw new ParquetFormatException($"{file}: column '{e.Name}' is DECIMAL({precision}, {scale}) in {e.Type}, which is not valid.");
                var storage = e.Type == PhysicalType.Int32 ? ParquetType.Int32 : ParquetType.Int64;
                var d = ParquetColumn.Decimal(e.Name, precision, scale, required);
                return d.Storage == storage ? d : d with { DecimalStorage = storage };
            case PhysicalType.Int32 when e.LogicalType == SchemaElement.LogicalDate || e.ConvertedType == SchemaElement.ConvertedDate:
                return ParquetColumn.Date(e.Name, required);
            case PhysicalType.Int64 when e.LogicalType == SchemaElement.LogicalTimestamp:
                return new ParquetColumn(e.Name, ParquetType.Timestamp, required)
                {
                    Unit = e.TimestampUnit switch { 1 => TimestampUnit.Millis, 3 => TimestampUnit.Nanos, _ => TimestampUnit.Micros },
                    Utc = e.TimestampUtc ?? true,
                };
            case PhysicalType.Int64 when e.ConvertedType is SchemaElement.ConvertedTimestampMillis or SchemaElement.ConvertedTimestampMicros:
                return new ParquetColumn(e.Name, ParquetType.Timestamp, required)
                {
                    Unit = e.ConvertedType == SchemaElement.ConvertedTimestampMillis ? TimestampUnit.Millis : TimestampUnit.Micros,
                };
            case PhysicalType.Boolean: return new(e.Name, ParquetType.Boolean, required);
            case PhysicalType.Int32: return new(e.Name, ParquetType.Int32, required);
            case PhysicalType.Int64: return new(e.Name, ParquetType.Int64, required);
            case PhysicalType.Float: return new(e.Name, ParquetType.Float, required);
            case PhysicalType.Double: return new(e.Name, ParquetType.Double, required);
            case PhysicalType.ByteArray: return new(e.Name, ParquetType.String, required);
            default:
                throw new ParquetFormatException($"{file}: column '{e.Name}' has unsupported physical type {e.Type?.ToString() ?? "(none)"}" +
                    (isDecimal ? " (DECIMAL wider than 18 digits)." : "."));
        }
    }
}
