using Pipeline.Grains.Model;

namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// Reads and validates the <c>links</c> table. Checks, in order: <c>src_firm_id</c>, <c>dst_firm_id</c> present and
/// integers; <c>kind</c> present and known; <c>weight</c> empty (→ 1) or a number &gt; 0 and at most
/// <see cref="ValueLimits.MaxAmount"/>; <c>year</c> empty or an
/// integer; both firms known (kept) — a repeated firm_id binds to its kept first row; not a self-link.
/// </summary>
public static class LinkTableValidator
{
    public const string Table = "links";

    public static List<LinkRecord> Read(ITableCursor rows, FirmIdIndex firmIndex, QuarantineLog log)
    {
        int src = TableColumns.Required(rows, "src_firm_id"), dst = TableColumns.Required(rows, "dst_firm_id"),
            kind = TableColumns.Required(rows, "kind");
        int weight = TableColumns.Optional(rows, "weight"), year = TableColumns.Optional(rows, "year");
        return RowValidation.Collect<LinkRecord>(rows, Table, log, Validate);

        Rejection? Validate(ITableCursor row, out LinkRecord link)
        {
            link = default;
            if (Fields.RequiredInt64(row, src, "src_firm_id", out var s) is { } badSrc) return badSrc;
            if (Fields.RequiredInt64(row, dst, "dst_firm_id", out var d) is { } badDst) return badDst;
            var k = Fields.Text(row, kind);
            if (k.IsEmpty) return new Rejection(QuarantineReason.MissingField, "required field 'kind' is empty");
            if (!LinkKinds.TryParse(k, out var linkKind))
                return Fields.UnknownEnum("kind", k, "supply, subcontract, production_sharing, joint_venture, licensing, rnd, kinship, trade_channel");
            if (Fields.OptionalDouble(row, weight, "weight", out var w, max: ValueLimits.MaxAmount) is { } badW) return badW;
            if (double.IsNaN(w)) w = 1.0;
            else if (w <= 0) return new Rejection(QuarantineReason.NonPositiveWeight, $"'weight' must be > 0: {w.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (Fields.OptionalInt64(row, year, "year", 0, out _) is { } badYear) return badYear;
            if (!firmIndex.TryGetIndex(s, out var si)) return new Rejection(QuarantineReason.UnknownFirm, $"src_firm_id {s} is not a known firm");
            if (!firmIndex.TryGetIndex(d, out var di)) return new Rejection(QuarantineReason.UnknownFirm, $"dst_firm_id {d} is not a known firm");
            if (si == di) return new Rejection(QuarantineReason.SelfLink, $"link from firm {s} to itself");
            link = new LinkRecord(si, di, w, linkKind);
            return null;
        }
    }
}
