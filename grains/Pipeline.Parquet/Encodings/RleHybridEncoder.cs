namespace Pipeline.Parquet.Encodings;

/// <summary>
/// RLE/bit-packed hybrid encoder (Parquet's encoding of levels and dictionary indices): a run of ≥ 8 equal values
/// becomes an RLE run (header <c>count &lt;&lt; 1</c>, value in ⌈bitWidth/8⌉ bytes), everything else goes into
/// bit-packed runs of whole groups of 8 (header <c>groups &lt;&lt; 1 | 1</c>), the last one zero-padded.
/// </summary>
internal static class RleHybridEncoder
{
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, PooledBuffer output)
    {
        int n = values.Length, pos = 0, pending = 0;
        while (pos < n)
        {
            int v = values[pos], run = 1;
            while (pos + run < n && values[pos + run] == v) run++;
            if (run >= 8)
            {
                int misaligned = (pos - pending) & 7;
                if (misaligned != 0)
                {
                    int pad = 8 - misaligned;
                    if (run - pad < 8) { pos += run; continue; }
                    pos += pad; run -= pad;
                }
                BitPackedRun(values[pending..pos], bitWidth, output);
                Varint.Write(output, (ulong)run << 1);
                int valueBytes = (bitWidth + 7) / 8;
                for (int b = 0; b < valueBytes; b++) output.WriteByte((byte)(v >> (8 * b)));
                pos += run;
                pending = pos;
            }
            else pos += run;
        }
        BitPackedRun(values[pending..n], bitWidth, output);
    }

    private static void BitPackedRun(ReadOnlySpan<int> values, int bitWidth, PooledBuffer output)
    {
        if (values.Length == 0) return;
        int groups = (values.Length + 7) / 8;
        Varint.Write(output, ((ulong)groups << 1) | 1);
        int whole = values.Length & ~7;
        BitPacking.Pack(values[..whole], bitWidth, output);
        if (whole < values.Length)
        {
            Span<int> last = stackalloc int[8];
            last.Clear();
            values[whole..].CopyTo(last);
            BitPacking.Pack(last, bitWidth, output);
        }
    }
}
