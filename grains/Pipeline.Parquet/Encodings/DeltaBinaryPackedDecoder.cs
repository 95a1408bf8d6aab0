namespace Pipeline.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED decoding: header (block size, miniblocks per block, total count, zigzag first value), then
/// blocks of (zigzag min delta, one bit width per miniblock, bit-packed miniblocks of deltas − min delta).
/// </summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Reads the total value count of the header at <paramref name="pos"/> without consuming it.</summary>
    public static long PeekCount(ReadOnlySpan<byte> src, int pos)
    {
        Varint.Read(src, ref pos);
        Varint.Read(src, ref pos);
        return (long)Varint.Read(src, ref pos);
    }

    /// <summary>Decodes exactly <c>dst.Length</c> values (the header's count must match); advances <paramref name="pos"/> past them.</summary>
    public static void Decode(ReadOnlySpan<byte> src, ref int pos, Span<long> dst)
    {
        ulong blockSize = Varint.Read(src, ref pos);
        ulong miniblocks = Varint.Read(src, ref pos);
        ulong total = Varint.Read(src, ref pos);
        long value = Varint.ReadZigZag(src, ref pos);
        if (blockSize == 0 || blockSize > 1 << 20 || miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 8 != 0)
            throw new InvalidDataException($"bad DELTA_BINARY_PACKED block layout ({blockSize} values in {miniblocks} miniblocks)");
        if (total != (ulong)dst.Length) throw new InvalidDataException($"DELTA_BINARY_PACKED holds {total} values, {dst.Length} expected");
        if (dst.Length == 0) return;
        int perMini = (int)(blockSize / miniblocks);
        dst[0] = value;
        int i = 1;
        Span<byte> widths = stackalloc byte[(int)Math.Min(miniblocks, 512)];
        if (miniblocks > 512) throw new InvalidDataException("too many miniblocks per block");
        long[] deltas = new long[perMini];
        while (i < dst.Length)
        {
            long minDelta = Varint.ReadZigZag(src, ref pos);
            if (pos + (int)miniblocks > src.Length) throw new InvalidDataException("miniblock bit widths run past the end");
            src.Slice(pos, (int)miniblocks).CopyTo(widths);
            pos += (int)miniblocks;
            for (int m = 0; m < (int)miniblocks && i < dst.Length; m++)
            {
                int w = widths[m];
                if (w > 64) throw new InvalidDataException($"miniblock bit width {w}");
                int bytes = perMini * w / 8;
                if (bytes > src.Length - pos) throw new InvalidDataException("miniblock runs past the end");
                BitPacking.Unpack(src.Slice(pos, bytes), w, deltas, perMini);
                pos += bytes;
                int take = Math.Min(perMini, dst.Length - i);
                for (int k = 0; k < take; k++)
                {
                    value = unchecked(value + minDelta + deltas[k]);
                    dst[i++] = value;
                }
            }
        }
    }
}
