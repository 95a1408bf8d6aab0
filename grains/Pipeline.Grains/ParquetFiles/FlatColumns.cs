using Parquet.Schema;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// The top-level, non-repeated columns of a Parquet schema — the only ones a table of rows has. Nested columns (lists,
/// maps, structs, legacy repeated fields) are left out, so a file with extra nested columns reads like one without.
/// </summary>
public static class FlatColumns
{
    public static IReadOnlyList<DataField> Of(ParquetSchema schema) =>
        [.. schema.Fields.OfType<DataField>().Where(f => f.MaxRepetitionLevel == 0 && !f.IsArray)];
}
