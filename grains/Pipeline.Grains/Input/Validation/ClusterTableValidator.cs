using Pipeline.Grains.Model;

namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// Reads and validates the <c>clusters</c> table: <c>cluster_id</c> required and unique (later repeats are
/// quarantined as <c>duplicate_id</c>), <c>cluster_type</c> empty or one of the contract's values.
/// </summary>
public static class ClusterTableValidator
{
    public const string Table = "clusters";

    public static List<ClusterRecord> Read(ITableCursor rows, QuarantineLog log)
    {
        int id = TableColumns.Required(rows, "cluster_id");
        int name = TableColumns.Optional(rows, "name"), province = TableColumns.Optional(rows, "province"),
            prefecture = TableColumns.Optional(rows, "prefecture"), county = TableColumns.Optional(rows, "county"),
            product = TableColumns.Optional(rows, "main_product"), type = TableColumns.Optional(rows, "cluster_type");
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var kept = new List<ClusterRecord>();
        log.For(Table);
        while (rows.MoveNext())
        {
            var clusterId = Fields.Text(rows, id);
            var clusterType = ClusterType.Unknown;
            if ((RowShape.Check(rows) ?? Validate(rows, clusterId, out clusterType)) is { } reject) { log.Quarantine(Table, rows, reject); continue; }

            var idText = clusterId.ToString();
            seen.Add(idText, rows.RowNumber);
            kept.Add(new ClusterRecord(idText, S(rows, name), S(rows, province), S(rows, prefecture), S(rows, county), S(rows, product), clusterType));
            log.Keep(Table);
        }
        kept.Sort((a, b) => string.CompareOrdinal(a.ClusterId, b.ClusterId));
        return kept;

        Rejection? Validate(ITableCursor row, ReadOnlySpan<char> clusterId, out ClusterType clusterType)
        {
            clusterType = ClusterType.Unknown;
            if (clusterId.IsEmpty) return new Rejection(QuarantineReason.MissingField, "required field 'cluster_id' is empty");
            if (seen.TryGetValue(clusterId.ToString(), out var firstRow))
                return new Rejection(QuarantineReason.DuplicateId, $"cluster_id '{Fields.Clip(clusterId)}' repeats row {firstRow}");
            var t = Fields.Text(row, type);
            if (!t.IsEmpty && !ClusterTypes.TryParse(t, out clusterType))
                return Fields.UnknownEnum("cluster_type", t, "traditional_sme, high_tech, fdi, lead_firm_centred");
            return null;
        }
    }

    private static string S(ITableCursor rows, int column) => Fields.Text(rows, column).ToString();
}
