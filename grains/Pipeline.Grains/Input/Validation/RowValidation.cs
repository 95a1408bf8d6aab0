namespace Pipeline.Grains.Input.Validation;

/// <summary>Validates one row into a value, or returns why it is rejected.</summary>
public delegate Rejection? RowValidator<T>(ITableCursor row, out T value);

/// <summary>
/// The loop every table validator shares: each row is either kept (and counted) or quarantined with its reason;
/// a row of the wrong shape (<see cref="RowShape"/>) is quarantined before its fields are validated.
/// </summary>
public static class RowValidation
{
    public static List<T> Collect<T>(ITableCursor rows, string table, QuarantineLog log, RowValidator<T> validate, Action<T, long>? kept = null)
    {
        var result = new List<T>();
        log.For(table);
        while (rows.MoveNext())
        {
            T value = default!;
            if ((RowShape.Check(rows) ?? validate(rows, out value)) is { } rejection) { log.Quarantine(table, rows, rejection); continue; }
            result.Add(value);
            kept?.Invoke(value, rows.RowNumber);
            log.Keep(table);
        }
        return result;
    }
}
