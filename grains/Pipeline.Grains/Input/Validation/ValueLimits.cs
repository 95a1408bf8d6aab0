namespace Pipeline.Grains.Input.Validation;

/// <summary>
/// The largest values the validators accept (larger ones are quarantined as <c>malformed_field</c>), chosen so that no
/// sum over a national data set can overflow: 10^10 firms of <see cref="MaxEmployees"/> stay below
/// <see cref="long.MaxValue"/>, and sums of <see cref="MaxAmount"/> stay far inside the double range (a weight or revenue
/// near 1.7e308 would sum to infinity). Both are far above any real firm or tie.
/// </summary>
public static class ValueLimits
{
    /// <summary>Employees of one firm (or one panel row).</summary>
    public const long MaxEmployees = 100_000_000;

    /// <summary>Revenue and export revenue (ten-thousand RMB) of one firm, and the weight of one link.</summary>
    public const double MaxAmount = 1e15;
}
