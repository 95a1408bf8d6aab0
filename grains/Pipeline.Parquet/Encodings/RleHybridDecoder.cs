namespace Pipeline.Parquet.Encodings;

/// <summary>
/// RLE/bit-packed hybrid decoder for levels, dictionary indices and RLE booleans. Runs are clipped to the values
/// still expected, and every run is checked against the bytes present (<see cref="InvalidDataException"/> if not).
/// </summary>
internal static class RleHybridDecoder
{
    /// <summary>Decodes exactly <c>dst.Length</c> values of <paramref name="bitWidth"/> (≤ 32) bits from <paramref name="src"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> src, int bitWidth, Span<int> dst)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"bit width {bitWidth} out of range");
        int pos = 0, i = 0, valueBytes = (bitWidth + 7) / 8;
        while (i < dst.Length)
        {
            ulong header = Varint.Read(src, ref pos);
            if ((header & 1) == 0)
            {
                ulong count = header >> 1;
                if (count == 0) throw new InvalidDataException("empty RLE run");
                if (pos + valueBytes > src.Length) throw new InvalidDataException("RLE run value runs past the end");
                int v = 0;
                for (int b = 0; b < valueBytes; b++) v |= src[pos++] << (8 * b);
                if (bitWidth < 32 && (uint)v >= 1u << bitWidth) throw new InvalidDataException("RLE value wider than its bit width");
                int take = (int)Math.Min(count, (ulong)(dst.Length - i));
                dst.Slice(i, take).Fill(v);
                i += take;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups == 0) throw new InvalidDataException("empty bit-packed run");
                ulong bytes = groups * (ulong)bitWidth;
                if (bytes > (ulong)(src.Length - pos)) throw new InvalidDataException("bit-packed run runs past the end");
                int values = (int)Math.Min(groups * 8, (ulong)(dst.Length - i));
                BitPacking.Unpack(src.Slice(pos, (int)bytes), bitWidth, dst.Slice(i, values), values);
                pos += (int)bytes;
                i += values;
            }
        }
    }
}
