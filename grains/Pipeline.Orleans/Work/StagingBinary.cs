using System.Text;
using Pipeline.Grains.Model;

namespace Pipeline.Orleans.Work;

/// <summary>
/// Primitive encodings of the staging files: little-endian fixed-width numbers (doubles as their IEEE bits, so
/// values cross machines unchanged, NaN included), length-prefixed UTF-8 strings with a null marker, and a file
/// header (magic + format version) checked on read so a stale or foreign file fails with a clear message.
/// </summary>
internal static class StagingBinary
{
    public static BinaryWriter Writer(Stream s) => new(s, Encoding.UTF8, leaveOpen: true);
    public static BinaryReader Reader(Stream s) => new(s, Encoding.UTF8, leaveOpen: true);

    public static void WriteHeader(this BinaryWriter w, string magic, int version)
    {
        w.Write(Encoding.ASCII.GetBytes(magic));
        w.Write(version);
    }

    public static void ReadHeader(this BinaryReader r, string magic, int version, string what)
    {
        var m = Encoding.ASCII.GetString(r.ReadBytes(magic.Length));
        int v = r.ReadInt32();
        if (m != magic || v != version)
            throw new InvalidDataException($"{what} is not a staging file of this version (found '{m}' v{v}, expected '{magic}' v{version}).");
    }

    public static void WriteNullable(this BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    public static string? ReadNullable(this BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    public static void WriteNullable(this BinaryWriter w, int? v)
    {
        w.Write(v.HasValue);
        if (v.HasValue) w.Write(v.Value);
    }

    public static int? ReadNullableInt(this BinaryReader r) => r.ReadBoolean() ? r.ReadInt32() : null;

    /// <summary>A dictionary in its own enumeration order (so sums over it later run in the same order as in-process).</summary>
    public static void WriteYearSums(this BinaryWriter w, IReadOnlyDictionary<int, double> d)
    {
        w.Write(d.Count);
        foreach (var (k, v) in d) { w.Write(k); w.Write(v); }
    }

    public static Dictionary<int, double> ReadYearSums(this BinaryReader r)
    {
        int n = r.ReadInt32();
        var d = new Dictionary<int, double>(n);
        for (int i = 0; i < n; i++) d.Add(r.ReadInt32(), r.ReadDouble());
        return d;
    }

    public static void WriteInts(this BinaryWriter w, ReadOnlySpan<int> a)
    {
        w.Write(a.Length);
        foreach (var x in a) w.Write(x);
    }

    public static int[] ReadInts(this BinaryReader r)
    {
        var a = new int[r.ReadInt32()];
        for (int i = 0; i < a.Length; i++) a[i] = r.ReadInt32();
        return a;
    }

    /// <summary>A row of the <c>clusters</c> table.</summary>
    public static void WriteCluster(this BinaryWriter w, ClusterRecord c)
    {
        w.Write(c.ClusterId); w.Write(c.Name); w.Write(c.Province); w.Write(c.Prefecture); w.Write(c.County); w.Write(c.MainProduct); w.Write((byte)c.Type);
    }

    public static ClusterRecord ReadCluster(this BinaryReader r) =>
        new(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), (ClusterType)r.ReadByte());
}
