namespace Pipeline.Grains.Model;

/// <summary>One validated row of the optional <c>firm_years</c> panel; <c>Employees</c> is -1 and <c>Revenue</c> NaN when empty.</summary>
public readonly record struct FirmYearRecord(int Firm, int Year, long Employees, double Revenue);
