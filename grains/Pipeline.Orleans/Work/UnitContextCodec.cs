using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>The run-wide <see cref="ClusterUnitContext"/> (settings, reference year, national panel sums) as a staging file.</summary>
public static class UnitContextCodec
{
    private const string Magic = "PCTX";
    private const int Version = 2;

    public static byte[] Encode(ClusterUnitContext c)
    {
        var ms = new MemoryStream();
        using (var w = StagingBinary.Writer(ms))
        {
            w.WriteHeader(Magic, Version);
            var s = c.Settings;
            w.Write(s.BetweennessExactMaxFirms); w.Write(s.BetweennessPivots); w.Write(s.BetweennessSeed);
            w.Write(s.ShockStart); w.Write(s.ShockEnd); w.Write(s.RecoveryEnd);
            w.WriteNullable(s.AsOfYear); w.Write(s.FirmPartitions);
            w.WriteNullable(c.AsOfYear);
            w.WriteYearSums(c.NationEmploymentByYear);
            w.Write(c.HasPanel);
            w.Write(s.Scenarios);
            w.Write(s.UserScenarios.Count);
            foreach (var u in s.UserScenarios)
            {
                w.Write(u.Name);
                w.Write(u.Firms.Length);
                foreach (var f in u.Firms) w.Write(f);
            }
        }
        return ms.ToArray();
    }

    public static ClusterUnitContext Decode(Stream s)
    {
        using var r = StagingBinary.Reader(s);
        r.ReadHeader(Magic, Version, "unit context");
        var settings = new MetricSettings
        {
            BetweennessExactMaxFirms = r.ReadInt32(), BetweennessPivots = r.ReadInt32(), BetweennessSeed = r.ReadUInt64(),
            ShockStart = r.ReadInt32(), ShockEnd = r.ReadInt32(), RecoveryEnd = r.ReadInt32(),
            AsOfYear = r.ReadNullableInt(), FirmPartitions = r.ReadInt32(),
        };
        var asOf = r.ReadNullableInt();
        var nation = r.ReadYearSums();
        bool hasPanel = r.ReadBoolean();
        bool builtIn = r.ReadBoolean();
        var user = new UserScenario[r.ReadInt32()];
        for (int i = 0; i < user.Length; i++)
        {
            var name = r.ReadString();
            var firms = new long[r.ReadInt32()];
            for (int k = 0; k < firms.Length; k++) firms[k] = r.ReadInt64();
            user[i] = new UserScenario(name, firms);
        }
        return new ClusterUnitContext(settings with { Scenarios = builtIn, UserScenarios = user }, asOf, nation, hasPanel);
    }
}
