namespace Pipeline.Generator.BadRows;

/// <summary>One kind of invalid row: its table, the contract's quarantine reason code, and what is wrong (exactly one
/// problem per row, so the validator's first failing check is this one).</summary>
/// <param name="Table">The input table.</param>
/// <param name="Reason">The contract's reason code.</param>
/// <param name="Problem">What is wrong.</param>
internal sealed record BadRowKind(string Table, string Reason, string Problem)
{
    /// <summary>Every kind the generator writes, cycled through in a seeded order.</summary>
    public static readonly BadRowKind[] All =
    [
        new("clusters", "duplicate_id", "cluster_id repeats the first cluster"),
        new("clusters", "missing_field", "cluster_id empty"),
        new("clusters", "unknown_enum", "cluster_type 'cooperative'"),
        new("firms", "duplicate_id", "firm_id repeats a valid firm"),
        new("firms", "missing_field", "firm_id empty"),
        new("firms", "malformed_field", "firm_id not an integer"),
        new("firms", "malformed_field", "industry_code of 3 characters"),
        new("firms", "malformed_field", "employees not an integer"),
        new("firms", "unknown_cluster", "cluster_id not in clusters"),
        new("firms", "unknown_enum", "value_chain_stage 'welding'"),
        new("firms", "unknown_enum", "ownership 'cooperative'"),
        new("firms", "negative_value", "employees negative"),
        new("firms", "negative_value", "revenue negative"),
        new("links", "unknown_firm", "dst_firm_id names no firm"),
        new("links", "self_link", "src = dst"),
        new("links", "non_positive_weight", "weight 0 or negative"),
        new("links", "missing_field", "kind empty"),
        new("links", "missing_field", "src_firm_id empty"),
        new("links", "unknown_enum", "kind 'smuggling'"),
        new("links", "malformed_field", "weight not a number"),
        new("links", "malformed_field", "year not an integer"),
        new("firm_years", "unknown_firm", "firm_id names no firm"),
        new("firm_years", "negative_value", "employees negative"),
        new("firm_years", "malformed_field", "year not an integer"),
        new("firm_years", "missing_field", "firm_id empty"),
    ];
}
