using Pipeline.Grains.Model;

namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// Reads and validates the <c>firms</c> table into packed <see cref="FirmRecord"/>s. Checks, in order (the first
/// failure is the row's reason): <c>firm_id</c> present and an integer; not a repeat (the first row is kept);
/// <c>cluster_id</c> empty or known; <c>country</c> empty (→ CN) or two letters; <c>industry_code</c> empty or 4
/// characters; enums known; <c>founded_year</c> an integer; <c>employees</c>, <c>revenue</c>, <c>export_revenue</c>
/// numbers, not negative and within <see cref="ValueLimits"/>; <c>in_specialized_market</c> a boolean.
/// </summary>
public static class FirmTableValidator
{
    public const string Table = "firms";

    public static List<FirmRecord> Read(ITableCursor rows, IReadOnlyDictionary<string, int> clusterIndex, StringPool strings, QuarantineLog log)
    {
        int id = TableColumns.Required(rows, "firm_id");
        int cluster = TableColumns.Optional(rows, "cluster_id"), province = TableColumns.Optional(rows, "province"),
            country = TableColumns.Optional(rows, "country"), industry = TableColumns.Optional(rows, "industry_code"),
            stage = TableColumns.Optional(rows, "value_chain_stage"), ownership = TableColumns.Optional(rows, "ownership"),
            founded = TableColumns.Optional(rows, "founded_year"), employees = TableColumns.Optional(rows, "employees"),
            revenue = TableColumns.Optional(rows, "revenue"), export = TableColumns.Optional(rows, "export_revenue"),
            market = TableColumns.Optional(rows, "in_specialized_market");
        var lookup = clusterIndex as Dictionary<string, int> ?? new Dictionary<string, int>(clusterIndex, StringComparer.Ordinal);
        var clusterLookup = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = new Dictionary<long, long>();
        int cn = strings.Intern("CN");
        return RowValidation.Collect<FirmRecord>(rows, Table, log, Validate, (f, row) => seen.Add(f.FirmId, row));

        Rejection? Validate(ITableCursor row, out FirmRecord f)
        {
            f = new FirmRecord();
            if (Fields.RequiredInt64(row, id, "firm_id", out f.FirmId) is { } bad) return bad;
            if (seen.TryGetValue(f.FirmId, out var first))
                return new Rejection(QuarantineReason.DuplicateId, $"firm_id {f.FirmId} repeats row {first}");

            var c = Fields.Text(row, cluster);
            f.Cluster = FirmRecord.NoCluster;
            if (!c.IsEmpty)
            {
                if (!clusterLookup.TryGetValue(c, out f.Cluster))
                    return new Rejection(QuarantineReason.UnknownCluster, $"cluster_id '{Fields.Clip(c)}' is not in the clusters table");
            }

            var ctry = Fields.Text(row, country);
            if (ctry.IsEmpty) f.Country = cn;
            else
            {
                if (ctry.Length != 2 || !char.IsAsciiLetter(ctry[0]) || !char.IsAsciiLetter(ctry[1]))
                    return new Rejection(QuarantineReason.MalformedField, $"'country' is not an ISO 3166 alpha-2 code: '{Fields.Clip(ctry)}'");
                Span<char> upper = stackalloc char[2];
                upper[0] = char.ToUpperInvariant(ctry[0]); upper[1] = char.ToUpperInvariant(ctry[1]);
                f.Country = strings.Intern(upper);
            }
            f.Foreign = f.Country != cn;

            var code = Fields.Text(row, industry);
            f.IndustryCode = -1;
            if (!code.IsEmpty)
            {
                if (code.Length != 4)
                    return new Rejection(QuarantineReason.MalformedField, $"'industry_code' must have 4 characters: '{Fields.Clip(code)}'");
                f.IndustryCode = strings.Intern(code);
            }

            var st = Fields.Text(row, stage);
            f.Stage = Stage.None;
            if (!st.IsEmpty && !Stages.TryParse(st, out f.Stage))
                return Fields.UnknownEnum("value_chain_stage", st, "materials, components, processing, assembly, branding, design_rnd, distribution");

            var own = Fields.Text(row, ownership);
            if (!own.IsEmpty && !Ownerships.TryParse(own, out f.Ownership))
                return Fields.UnknownEnum("ownership", own, "private, collective, state, foreign, hmt");

            if (Fields.OptionalInt64(row, founded, "founded_year", FirmRecord.MissingInt, out var year) is { } badYear) return badYear;
            if (year != FirmRecord.MissingInt && (year < -9999 || year > 9999))
                return new Rejection(QuarantineReason.MalformedField, $"'founded_year' is not a year: {year}");
            f.FoundedYear = (int)year;
            if (Fields.OptionalInt64(row, employees, "employees", -1, out f.Employees, nonNegative: true, ValueLimits.MaxEmployees) is { } badEmp) return badEmp;
            if (Fields.OptionalDouble(row, revenue, "revenue", out f.Revenue, nonNegative: true, ValueLimits.MaxAmount) is { } badRev) return badRev;
            if (Fields.OptionalDouble(row, export, "export_revenue", out f.ExportRevenue, nonNegative: true, ValueLimits.MaxAmount) is { } badExp) return badExp;
            if (Fields.OptionalBoolean(row, market, "in_specialized_market", out f.InSpecializedMarket) is { } badBool) return badBool;
            f.Province = strings.Intern(Fields.Text(row, province));
            return null;
        }
    }
}
