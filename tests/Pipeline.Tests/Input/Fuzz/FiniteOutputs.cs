using Pipeline.Grains.Units;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// The contract's null rules on computed metric rows (NaN stands for null there): no infinity anywhere; strength and
/// revenue never null; constraint, effective size and efficiency null only for an isolated firm; totals not negative.
/// </summary>
public static class FiniteOutputs
{
    public static IEnumerable<string> Problems(MetricTables tables)
    {
        foreach (var f in tables.Firms)
        {
            foreach (var (name, v) in Doubles(f.Cluster).Concat(Doubles(f.Supply)))
                if (double.IsInfinity(v)) yield return $"firm {f.Cluster.FirmId}: {name} = {v}";
            if (double.IsNaN(f.Cluster.Strength)) yield return $"firm {f.Cluster.FirmId}: strength is null";
            if (f.Cluster.Degree > 0 && (double.IsNaN(f.Cluster.Constraint) || double.IsNaN(f.Cluster.EffectiveSize) || double.IsNaN(f.Cluster.Efficiency)))
                yield return $"firm {f.Cluster.FirmId}: constraint/effective_size/efficiency null with {f.Cluster.Degree} neighbours";
        }
        foreach (var c in tables.Clusters)
        {
            foreach (var (name, v) in Doubles(c))
                if (double.IsInfinity(v)) yield return $"cluster {c.ClusterId}: {name} = {v}";
            if (double.IsNaN(c.Revenue) || c.Revenue < 0 || c.Employees < 0) yield return $"cluster {c.ClusterId}: revenue {c.Revenue}, employees {c.Employees}";
        }
        foreach (var r in tables.Regions)
        {
            foreach (var (name, v) in Doubles(r))
                if (double.IsInfinity(v)) yield return $"region {r.Level} {r.Region}: {name} = {v}";
            if (r.Employees < 0) yield return $"region {r.Level} {r.Region}: employees {r.Employees}";
        }
    }

    /// <summary>Every double property of a row (reflection: test code, a few thousand rows).</summary>
    private static IEnumerable<(string Name, double Value)> Doubles(object row)
    {
        foreach (var p in row.GetType().GetProperties())
            if (p.PropertyType == typeof(double) && p.GetIndexParameters().Length == 0)
                yield return (p.Name, (double)p.GetValue(row)!);
    }
}
