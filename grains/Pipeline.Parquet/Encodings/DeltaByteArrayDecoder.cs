using System.Text;

namespace Pipeline.Parquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the concatenated bytes) and DELTA_BYTE_ARRAY (delta-packed
/// prefix lengths shared with the previous value, then the suffixes as DELTA_LENGTH_BYTE_ARRAY) decoding.
/// </summary>
internal static class DeltaByteArrayDecoder
{
    public static void DecodeLengthPrefixed(ReadOnlySpan<byte> src, Span<string> dst)
    {
        int pos = 0;
        var lengths = new long[dst.Length];
        DeltaBinaryPackedDecoder.Decode(src, ref pos, lengths);
        for (int i = 0; i < dst.Length; i++)
        {
            long n = lengths[i];
            if (n < 0 || n > src.Length - pos) throw new InvalidDataException("DELTA_LENGTH_BYTE_ARRAY value runs past the end");
            dst[i] = Encoding.UTF8.GetString(src.Slice(pos, (int)n));
            pos += (int)n;
        }
    }

    public static void DecodeIncremental(ReadOnlySpan<byte> src, Span<string> dst)
    {
        int pos = 0;
        var prefixes = new long[dst.Length];
        var suffixLengths = new long[dst.Length];
        DeltaBinaryPackedDecoder.Decode(src, ref pos, prefixes);
        DeltaBinaryPackedDecoder.Decode(src, ref pos, suffixLengths);
        byte[] previous = [];
        int previousLength = 0;
        byte[] current = new byte[256];
        for (int i = 0; i < dst.Length; i++)
        {
            long prefix = prefixes[i], suffix = suffixLengths[i];
            if (prefix < 0 || prefix > previousLength) throw new InvalidDataException("DELTA_BYTE_ARRAY prefix longer than the previous value");
            if (suffix < 0 || suffix > src.Length - pos) throw new InvalidDataException("DELTA_BYTE_ARRAY suffix runs past the end");
            int length = (int)(prefix + suffix);
            if (current.Length < length) current = new byte[Math.Max(length, current.Length * 2)];
            if (prefix > 0) previous.AsSpan(0, (int)prefix).CopyTo(current);
            src.Slice(pos, (int)suffix).CopyTo(current.AsSpan((int)prefix));
            pos += (int)suffix;
            dst[i] = Encoding.UTF8.GetString(current, 0, length);
            (previous, current) = (current, previous.Length == 0 ? new byte[256] : previous);
            previousLength = length;
        }
    }
}
