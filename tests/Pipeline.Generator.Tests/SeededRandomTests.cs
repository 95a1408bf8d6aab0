using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>The generator's PRNG: the published xoshiro256**/SplitMix64 sequence (reference values from an independent
/// Python implementation of the algorithms), stable independent children, and sane distributions.</summary>
public class SeededRandomTests
{
    [Fact]
    public void SplitMix64_of_zero_gives_the_published_first_output()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SeededRandom.SplitMix(ref state));
    }

    [Fact]
    public void Xoshiro256StarStar_seeded_by_SplitMix64_matches_the_reference_sequence()
    {
        var rng = new SeededRandom(42);
        ulong[] expected = [0x15780b2e0c2ec716, 0x6104d9866d113a7e, 0xae17533239e499a1, 0xecb8ad4703b360a1, 0xfde6dc7fe2ec5e64];
        foreach (var e in expected) Assert.Equal(e, rng.NextUInt64());
        var zero = new SeededRandom(0);
        Assert.Equal(0x99ec5f36cb75f2b4UL, zero.NextUInt64());
        Assert.Equal(0xbf6e1f784956452aUL, zero.NextUInt64());
    }

    [Fact]
    public void Children_are_stable_and_differ_by_key()
    {
        var parent = new SeededRandom(7);
        parent.NextUInt64();
        var a = parent.Child(3);
        var b = SeededRandom.Derive(7, 3);
        var c = parent.Child(4);
        ulong x = a.NextUInt64();
        Assert.Equal(x, b.NextUInt64());
        Assert.NotEqual(x, c.NextUInt64());
        Assert.NotEqual(SeededRandom.Derive(8, 3).NextUInt64(), x);
    }

    [Fact]
    public void Draws_have_the_documented_distributions()
    {
        var rng = new SeededRandom(123);
        const int n = 200_000;
        double sum = 0, sumSq = 0, logSum = 0;
        var counts = new int[10];
        int chance = 0;
        var logs = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = rng.Normal();
            sum += z; sumSq += z * z;
            counts[rng.NextInt(10)]++;
            if (rng.Chance(0.3)) chance++;
            logs[i] = rng.LogNormal(1500, 1.15);
            logSum += Math.Log(logs[i]);
            double u = rng.NextDouble();
            Assert.True(u >= 0 && u < 1, $"{u}");
        }
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sumSq / n, 0.98, 1.02);
        Assert.All(counts, c => Assert.InRange(c, n / 10 * 0.97, n / 10 * 1.03));
        Assert.InRange(chance / (double)n, 0.295, 0.305);
        Array.Sort(logs);
        Assert.InRange(logs[n / 2], 1450, 1550);
        Assert.InRange(logSum / n, Math.Log(1500) - 0.01, Math.Log(1500) + 0.01);
        for (int i = 0; i < 1000; i++) Assert.InRange(rng.NextInt(5, 9), 5, 8);
        Assert.Equal(2, rng.PickWeighted([0, 0, 1, 0]));
    }
}
