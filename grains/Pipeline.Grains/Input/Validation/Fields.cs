using System.Globalization;

namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// Field parsing shared by the table validators: invariant culture, surrounding spaces trimmed, an empty field
/// means "missing". Each parser returns a <see cref="Rejection"/> (or null when the value is acceptable).
/// </summary>
public static class Fields
{
    public static ReadOnlySpan<char> Text(ITableCursor row, int column) => column < 0 ? default : row.Field(column).Trim();

    public static Rejection? RequiredInt64(ITableCursor row, int column, string name, out long value)
    {
        var t = Text(row, column);
        value = 0;
        if (t.IsEmpty) return new Rejection(QuarantineReason.MissingField, $"required field '{name}' is empty");
        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return new Rejection(QuarantineReason.MalformedField, $"'{name}' is not an integer: '{Clip(t)}'");
        return null;
    }

    /// <summary>Optional integer; <paramref name="value"/> = <paramref name="missing"/> when empty.</summary>
    public static Rejection? OptionalInt64(ITableCursor row, int column, string name, long missing, out long value, bool nonNegative = false, long max = long.MaxValue)
    {
        var t = Text(row, column);
        value = missing;
        if (t.IsEmpty) return null;
        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            value = missing;
            return new Rejection(QuarantineReason.MalformedField, $"'{name}' is not an integer: '{Clip(t)}'");
        }
        if (nonNegative && value < 0)
            return new Rejection(QuarantineReason.NegativeValue, $"'{name}' is negative: {value}");
        if (value > max)
            return new Rejection(QuarantineReason.MalformedField, $"'{name}' is out of range: {value} (at most {max.ToString(CultureInfo.InvariantCulture)})");
        return null;
    }

    /// <summary>Optional finite double up to <paramref name="max"/>; <paramref name="value"/> = NaN when empty.</summary>
    public static Rejection? OptionalDouble(ITableCursor row, int column, string name, out double value, bool nonNegative = false, double max = double.MaxValue)
    {
        var t = Text(row, column);
        value = double.NaN;
        if (t.IsEmpty) return null;
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            value = double.NaN;
            return new Rejection(QuarantineReason.MalformedField, $"'{name}' is not a finite number: '{Clip(t)}'");
        }
        if (nonNegative && value < 0)
            return new Rejection(QuarantineReason.NegativeValue, $"'{name}' is negative: {value.ToString(CultureInfo.InvariantCulture)}");
        if (value > max)
            return new Rejection(QuarantineReason.MalformedField, $"'{name}' is too large to be summed: {Clip(t)} (at most {max.ToString(CultureInfo.InvariantCulture)})");
        return null;
    }

    /// <summary>Optional boolean: true/false/1/0 in any case; empty = false.</summary>
    public static Rejection? OptionalBoolean(ITableCursor row, int column, string name, out bool value)
    {
        var t = Text(row, column);
        value = false;
        if (t.IsEmpty || t.SequenceEqual("0") || t.Equals("false", StringComparison.OrdinalIgnoreCase)) return null;
        if (t.SequenceEqual("1") || t.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return null; }
        return new Rejection(QuarantineReason.MalformedField, $"'{name}' is not a boolean (true/false/1/0): '{Clip(t)}'");
    }

    public static Rejection UnknownEnum(string name, ReadOnlySpan<char> value, string allowed) =>
        new(QuarantineReason.UnknownEnum, $"'{name}' has unknown value '{Clip(value)}' (allowed: {allowed})");

    /// <summary>Shortens a value for a message.</summary>
    public static string Clip(ReadOnlySpan<char> t) => TextClip.Clip(t);
}
