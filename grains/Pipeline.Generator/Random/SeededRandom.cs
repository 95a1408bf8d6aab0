namespace Pipeline.Generator;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018, https://prng.di.unimi.it/) seeded through SplitMix64: a fixed, documented
/// sequence for a seed on every platform and .NET version (System.Random's sequence is unspecified), so a seed always
/// writes the same bytes. Not thread-safe: give each thread or work item its own generator through
/// <see cref="Derive(ulong, ulong)"/> or <see cref="Child"/>.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose four state words are the first four SplitMix64 outputs of <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value (0 included).</param>
    public SeededRandom(ulong seed)
    {
        Seed = seed;
        ulong sm = seed;
        _s0 = SplitMix(ref sm); _s1 = SplitMix(ref sm); _s2 = SplitMix(ref sm); _s3 = SplitMix(ref sm);
    }

    /// <summary>The seed this generator was created from.</summary>
    public ulong Seed { get; }

    /// <summary>An independent stream (e.g. one cluster's) derived from a seed and a key, so streams can be drawn in
    /// parallel and in any order: the child's seed is a SplitMix64 hash of (seed, key).</summary>
    /// <param name="seed">The parent seed.</param>
    /// <param name="key">The child's key (e.g. a cluster index); different keys give unrelated streams.</param>
    public static SeededRandom Derive(ulong seed, ulong key)
    {
        ulong sm = seed ^ (key * 0x9E3779B97F4A7C15UL);
        SplitMix(ref sm);
        return new SeededRandom(SplitMix(ref sm) ^ key);
    }

    /// <summary>The child stream of this generator's <see cref="Seed"/> for <paramref name="key"/>; does not consume
    /// draws of this generator, so a child is the same whenever it is asked for.</summary>
    /// <param name="key">The child's key.</param>
    public SeededRandom Child(ulong key) => Derive(Seed, key);

    /// <summary>One SplitMix64 step (Steele, Lea &amp; Flood 2014): advances <paramref name="state"/> and returns its output.</summary>
    /// <param name="state">The SplitMix64 state.</param>
    public static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits (xoshiro256**).</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits: (x &gt;&gt; 11) · 2^−53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) by Lemire's multiply-shift on the high 32 bits
    /// (bias below maxExclusive · 2^−32, negligible here).</summary>
    /// <param name="maxExclusive">Positive bound.</param>
    public int NextInt(int maxExclusive) => (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    /// <param name="min">Inclusive lower bound.</param>
    /// <param name="maxExclusive">Exclusive upper bound (greater than <paramref name="min"/>).</param>
    public int NextInt(int min, int maxExclusive) => min + NextInt(maxExclusive - min);

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) for 64-bit ranges (53-bit resolution).</summary>
    /// <param name="maxExclusive">Positive bound.</param>
    public long NextLong(long maxExclusive) => (long)(NextDouble() * maxExclusive);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    /// <param name="p">Probability in [0, 1].</param>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal N(0, 1) (Box–Muller, one draw per call: √(−2 ln u₁) · cos 2πu₂).</summary>
    public double Normal()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median and log-scale σ: median · exp(σ·Z), Z ~ N(0, 1).</summary>
    /// <param name="median">Median (= exp(μ)).</param>
    /// <param name="sigma">Standard deviation of the logarithm.</param>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>A uniformly chosen item.</summary>
    /// <param name="items">A non-empty list.</param>
    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (non-negative, not all zero).</summary>
    /// <param name="weights">Relative weights.</param>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights) total += w;
        double r = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++) { if (r < weights[i]) return i; r -= weights[i]; }
        return weights.Length - 1;
    }
}
