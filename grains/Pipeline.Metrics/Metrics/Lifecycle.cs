namespace Pipeline.Metrics;

/// <summary>
/// Cluster life cycle (emergence, growth, maturity, decline; Menzel &amp; Fornahl 2010) from firm demography as of a
/// reference year Y. Firms founded after Y are not counted.
/// <list type="bullet">
/// <item>median_firm_age = median of Y − founded_year.</item>
/// <item>entry_rate_5y = share of firms founded in the 5 years up to Y (Y−4 … Y).</item>
/// <item>lifecycle_stage, a documented rule applied in this order: <c>declining</c> if employment growth over the
/// 3 panel years up to Y is below −5%; <c>emerging</c> if entry_rate_5y ≥ 0.30 and median age ≤ 8 years;
/// <c>growing</c> if entry_rate_5y ≥ 0.15 or employment growth ≥ +10%; otherwise <c>mature</c>. Null when neither
/// an entry rate nor a growth can be computed.</item>
/// </list>
/// </summary>
public static class Lifecycle
{
    public const double DecliningGrowth = -0.05, EmergingEntryRate = 0.30, EmergingMaxMedianAge = 8, GrowingEntryRate = 0.15, GrowingGrowth = 0.10;

    public static double MedianFirmAge(ReadOnlySpan<int> foundedYears, int asOf)
    {
        var buffer = Scratch.Ints(Scratch.LifecycleAges, foundedYears.Length);   // this thread's, only within this call
        int count = 0;
        foreach (var y in foundedYears) if (y <= asOf) buffer[count++] = asOf - y;
        if (count == 0) return double.NaN;
        var ages = buffer.AsSpan(0, count);
        ages.Sort();
        int m = count / 2;
        return count % 2 == 1 ? ages[m] : (ages[m - 1] + ages[m]) / 2.0;
    }

    public static double EntryRate5y(ReadOnlySpan<int> foundedYears, int asOf)
    {
        int counted = 0, entrants = 0;
        foreach (var y in foundedYears)
        {
            if (y > asOf) continue;
            counted++;
            if (y > asOf - 5) entrants++;
        }
        return counted == 0 ? double.NaN : (double)entrants / counted;
    }

    public static string? Classify(double entryRate5y, double employmentGrowth, double medianAge)
    {
        if (double.IsNaN(entryRate5y) && double.IsNaN(employmentGrowth)) return null;
        if (employmentGrowth < DecliningGrowth) return "declining";
        if (entryRate5y >= EmergingEntryRate && medianAge <= EmergingMaxMedianAge) return "emerging";
        if (entryRate5y >= GrowingEntryRate || employmentGrowth >= GrowingGrowth) return "growing";
        return "mature";
    }
}
