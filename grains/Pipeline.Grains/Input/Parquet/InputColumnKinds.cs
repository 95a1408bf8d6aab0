using Parquet.Schema;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>What a contract input column holds, and so which Parquet types may store it.</summary>
public enum InputColumnKind
{
    /// <summary>Ids, years, counts: INT32 or INT64 (as DuckDB or pyarrow type integer columns).</summary>
    Integer,
    /// <summary>Revenue, weights: DOUBLE, FLOAT, DECIMAL or an integer type.</summary>
    Number,
    /// <summary>A flag: BOOLEAN, or an integer 0/1 (what DuckDB infers from a CSV of 0/1).</summary>
    Boolean,
    /// <summary>Codes, names, enums: STRING only (a code such as 0610 stored as a number would lose its leading zero).</summary>
    Text,
}

/// <summary>
/// The Parquet types the contract accepts for each input column (contract.md "Input"). Columns not listed (extra
/// columns) may have any type. A listed column stored with another type makes the file unreadable — it is not a row
/// problem but a wrongly exported table, so the run stops with one message naming the file and the column.
/// </summary>
public static class InputColumnKinds
{
    private static readonly Dictionary<string, Dictionary<string, InputColumnKind>> Tables = new(StringComparer.Ordinal)
    {
        ["clusters"] = Kinds(("cluster_id", InputColumnKind.Text), ("name", InputColumnKind.Text), ("province", InputColumnKind.Text),
            ("prefecture", InputColumnKind.Text), ("county", InputColumnKind.Text), ("main_product", InputColumnKind.Text), ("cluster_type", InputColumnKind.Text)),
        ["firms"] = Kinds(("firm_id", InputColumnKind.Integer), ("cluster_id", InputColumnKind.Text), ("name", InputColumnKind.Text),
            ("province", InputColumnKind.Text), ("prefecture", InputColumnKind.Text), ("county", InputColumnKind.Text), ("country", InputColumnKind.Text),
            ("industry_code", InputColumnKind.Text), ("value_chain_stage", InputColumnKind.Text), ("ownership", InputColumnKind.Text),
            ("founded_year", InputColumnKind.Integer), ("employees", InputColumnKind.Integer), ("revenue", InputColumnKind.Number),
            ("export_revenue", InputColumnKind.Number), ("in_specialized_market", InputColumnKind.Boolean)),
        ["links"] = Kinds(("src_firm_id", InputColumnKind.Integer), ("dst_firm_id", InputColumnKind.Integer), ("kind", InputColumnKind.Text),
            ("weight", InputColumnKind.Number), ("year", InputColumnKind.Integer)),
        ["firm_years"] = Kinds(("firm_id", InputColumnKind.Integer), ("year", InputColumnKind.Integer), ("employees", InputColumnKind.Integer),
            ("revenue", InputColumnKind.Number)),
    };

    private static Dictionary<string, InputColumnKind> Kinds(params (string Name, InputColumnKind Kind)[] columns) =>
        columns.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal);

    /// <summary>The expected kind of a table's column, or null if the contract does not name it.</summary>
    public static InputColumnKind? Of(string table, string column) =>
        Tables.TryGetValue(table, out var t) && t.TryGetValue(column, out var k) ? k : null;

    /// <summary>Whether a Parquet column, as Parquet.Net types it (<see cref="DataField.ClrType"/>), can hold a column of this kind.</summary>
    public static bool Accepts(InputColumnKind kind, DataField field) => kind switch
    {
        InputColumnKind.Integer => IsInteger(field.ClrType),
        InputColumnKind.Number => IsInteger(field.ClrType) || field.ClrType == typeof(double) || field.ClrType == typeof(float) || field.ClrType == typeof(decimal),
        InputColumnKind.Boolean => field.ClrType == typeof(bool) || IsInteger(field.ClrType),
        _ => field.ClrType == typeof(ReadOnlyMemory<char>),
    };

    private static bool IsInteger(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint);

    /// <summary>How a column is stored, for messages: INT64, DOUBLE, STRING, … (the file's physical type, and its logical type if any).</summary>
    public static string Stored(DataField field) => field.ClrType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => "STRING",
        var t when t == typeof(ReadOnlyMemory<byte>) => "BYTE_ARRAY",
        var t => t.Name.ToUpperInvariant(),
    };

    /// <summary>The accepted Parquet types, for messages.</summary>
    public static string Describe(InputColumnKind kind) => kind switch
    {
        InputColumnKind.Integer => "an integer (INT32 or INT64)",
        InputColumnKind.Number => "a number (DOUBLE, FLOAT, DECIMAL, INT32 or INT64)",
        InputColumnKind.Boolean => "a BOOLEAN (or an integer 0/1)",
        _ => "a STRING (BYTE_ARRAY with the STRING logical type)",
    };
}
