using Pipeline.Grains.Model;

namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// Reads and validates the optional <c>firm_years</c> panel: <c>firm_id</c> and <c>year</c> present and integers,
/// <c>employees</c>/<c>revenue</c> empty or non-negative numbers within <see cref="ValueLimits"/>, the firm known.
/// </summary>
public static class FirmYearTableValidator
{
    public const string Table = "firm_years";

    public static List<FirmYearRecord> Read(ITableCursor rows, FirmIdIndex firmIndex, QuarantineLog log)
    {
        int id = TableColumns.Required(rows, "firm_id"), yearCol = TableColumns.Required(rows, "year");
        int employees = TableColumns.Optional(rows, "employees"), revenue = TableColumns.Optional(rows, "revenue");
        return RowValidation.Collect<FirmYearRecord>(rows, Table, log, Validate);

        Rejection? Validate(ITableCursor row, out FirmYearRecord rec)
        {
            rec = default;
            if (Fields.RequiredInt64(row, id, "firm_id", out var firmId) is { } badId) return badId;
            if (Fields.RequiredInt64(row, yearCol, "year", out var year) is { } badYear) return badYear;
            if (year is < -9999 or > 9999) return new Rejection(QuarantineReason.MalformedField, $"'year' is not a year: {year}");
            if (Fields.OptionalInt64(row, employees, "employees", -1, out var emp, nonNegative: true, ValueLimits.MaxEmployees) is { } badEmp) return badEmp;
            if (Fields.OptionalDouble(row, revenue, "revenue", out var rev, nonNegative: true, ValueLimits.MaxAmount) is { } badRev) return badRev;
            if (!firmIndex.TryGetIndex(firmId, out var firm)) return new Rejection(QuarantineReason.UnknownFirm, $"firm_id {firmId} is not a known firm");
            rec = new FirmYearRecord(firm, (int)year, emp, rev);
            return null;
        }
    }
}
