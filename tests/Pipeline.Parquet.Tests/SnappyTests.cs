using Pipeline.Parquet.Compression;
using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>Our Snappy block codec against IronSnappy 1.3.0 both ways, on compressible, incompressible and edge-case inputs, and on corrupt input.</summary>
public class SnappyTests
{
    public static IEnumerable<object[]> Inputs()
    {
        var rng = new Random(11);
        byte[] Random(int n) { var b = new byte[n]; rng.NextBytes(b); return b; }
        byte[] Ids(int n) { var b = new byte[n * 8]; for (int i = 0; i < n; i++) BitConverter.TryWriteBytes(b.AsSpan(i * 8), 1_000_000L + i * 3 + rng.Next(2)); return b; }
        byte[] Text(int n) { var s = string.Concat(Enumerable.Range(0, n).Select(i => $"k{i % 997:D6},温州{i % 13};")); return System.Text.Encoding.UTF8.GetBytes(s); }
        yield return [Array.Empty<byte>()];
        yield return [new byte[] { 42 }];
        yield return [Random(17)];
        yield return [new byte[100_000]];
        yield return [Random(200_000)];
        yield return [Ids(150_000)];
        yield return [Text(40_000)];
        yield return [Enumerable.Range(0, 300_000).Select(i => (byte)(i % 7 == 0 ? rng.Next(256) : i % 3)).ToArray()];
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Our_blocks_decode_with_IronSnappy_and_IronSnappy_blocks_decode_with_ours(byte[] data)
    {
        var ours = new byte[SnappyBlock.MaxEncodedLength(data.Length)];
        int n = SnappyBlock.Encode(data, ours);
        Assert.Equal(data, IronSnappy.Snappy.Decode(ours.AsSpan(0, n)));
        var back = new byte[data.Length];
        SnappyBlock.Decode(ours.AsSpan(0, n), back);
        Assert.Equal(data, back);

        var theirs = IronSnappy.Snappy.Encode(data);
        Assert.Equal(data.Length, SnappyBlock.DecodedLength(theirs, out _));
        var fromTheirs = new byte[data.Length];
        SnappyBlock.Decode(theirs, fromTheirs);
        Assert.Equal(data, fromTheirs);
        if (data.Length > 50_000 && data.Any(b => b != data[0])) Assert.True(n <= theirs.Length * 1.1 + 64, $"ours {n} bytes, IronSnappy {theirs.Length}");
    }

    [Fact]
    public void Corrupt_blocks_raise_InvalidDataException_only()
    {
        var rng = new Random(5);
        var data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"row {i % 50} value {i % 7};")));
        var block = new byte[SnappyBlock.MaxEncodedLength(data.Length)];
        block = block[..SnappyBlock.Encode(data, block)];
        var dst = new byte[data.Length];
        for (int trial = 0; trial < 3000; trial++)
        {
            var copy = (byte[])block.Clone();
            if (trial % 2 == 0) copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
            else copy = copy[..rng.Next(copy.Length)];
            try
            {
                int declared = SnappyBlock.DecodedLength(copy, out _);
                if (declared != dst.Length) continue;
                SnappyBlock.Decode(copy, dst);
            }
            catch (InvalidDataException) { }
        }
    }
}
