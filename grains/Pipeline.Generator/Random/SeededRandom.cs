namespace Pipeline.Generator;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded through SplitMix64: a fixed, documented sequence for a seed on every
/// platform and .NET version (System.Random's sequence is unspecified), so a seed always writes the same bytes.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix(ref sm); _s1 = SplitMix(ref sm); _s2 = SplitMix(ref sm); _s3 = SplitMix(ref sm);
    }

    /// <summary>A generator for a sub-stream (e.g. one cluster) derived from this seed and a key.</summary>
    public static SeededRandom Derive(ulong seed, ulong key)
    {
        ulong sm = seed ^ (key * 0x9E3779B97F4A7C15UL);
        return new SeededRandom(SplitMix(ref sm));
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive) => (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);

    public int NextInt(int min, int maxExclusive) => min + NextInt(maxExclusive - min);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median and log-scale sigma.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];
}
