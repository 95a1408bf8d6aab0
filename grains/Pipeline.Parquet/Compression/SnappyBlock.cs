using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Pipeline.Parquet.Compression;

/// <summary>
/// The Snappy block format (github.com/google/snappy, format_description.txt) — what Parquet's SNAPPY codec stores
/// per page: a varint of the uncompressed length, then literals and back-references (copies with 1-, 2- or 4-byte
/// offsets). The encoder follows the reference/Go encoder: 64 KiB blocks, a hash table of 4-byte sequences
/// (hash = u32 · 0x1e35a7bd ≫ shift), a skip that grows on incompressible input, greedy match extension. It writes
/// into a caller's buffer and allocates nothing, unlike IronSnappy's <c>Encode</c>/<c>Decode</c> (which allocate a
/// result per call and ran at 100–200 MB/s on our pages, the writer's bottleneck); the two are cross-checked in the
/// tests. The decoder checks every length and offset and throws <see cref="InvalidDataException"/> on corrupt input.
/// </summary>
internal static unsafe class SnappyBlock
{
    private const int BlockSize = 1 << 16;
    private const int MaxTableBits = 14;
    private const int InputMargin = 16 - 1;
    private const int MinNonLiteralBlockSize = 1 + 1 + InputMargin;

    /// <summary>Largest possible encoded size of <paramref name="length"/> bytes.</summary>
    public static int MaxEncodedLength(int length) => checked(32 + length + length / 6);

    /// <summary>Compresses <paramref name="src"/> into <paramref name="dst"/> (at least <see cref="MaxEncodedLength"/> bytes); returns the length.</summary>
    public static int Encode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (dst.Length < MaxEncodedLength(src.Length)) throw new ArgumentException("destination too small", nameof(dst));
        int d = 0;
        ulong v = (ulong)src.Length;
        while (v >= 0x80) { dst[d++] = (byte)(v | 0x80); v >>= 7; }
        dst[d++] = (byte)v;
        ushort* table = stackalloc ushort[1 << MaxTableBits];
        fixed (byte* s0 = src) fixed (byte* d0 = dst)
        {
            for (int start = 0; start < src.Length; start += BlockSize)
            {
                int n = Math.Min(BlockSize, src.Length - start);
                d += n < MinNonLiteralBlockSize ? EmitLiteral(d0 + d, s0 + start, n) : EncodeBlock(d0 + d, s0 + start, n, table);
            }
        }
        return d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint u, int shift) => (u * 0x1e35a7bdu) >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(byte* p) => Unsafe.ReadUnaligned<uint>(p);

    private static int EncodeBlock(byte* dst, byte* src, int length, ushort* table)
    {
        int shift = 32 - 8, tableSize = 1 << 8;
        while (tableSize < (1 << MaxTableBits) && tableSize < length) { tableSize <<= 1; shift--; }
        new Span<ushort>(table, tableSize).Clear();
        uint mask = (uint)tableSize - 1;
        int d = 0, sLimit = length - InputMargin, nextEmit = 0, s = 1;
        uint nextHash = Hash(Load32(src + s), shift);
        while (true)
        {
            int skip = 32, nextS = s, candidate;
            while (true)
            {
                s = nextS;
                int between = skip >> 5;
                nextS = s + between;
                skip += between;
                if (nextS > sLimit) goto remainder;
                candidate = table[nextHash & mask];
                table[nextHash & mask] = (ushort)s;
                nextHash = Hash(Load32(src + nextS), shift);
                if (Load32(src + s) == Load32(src + candidate)) break;
            }
            d += EmitLiteral(dst + d, src + nextEmit, s - nextEmit);
            while (true)
            {
                int b = s;
                s += 4;
                int i = candidate + 4;
                while (s <= length - 8)
                {
                    ulong x = Unsafe.ReadUnaligned<ulong>(src + s) ^ Unsafe.ReadUnaligned<ulong>(src + i);
                    if (x != 0) { s += System.Numerics.BitOperations.TrailingZeroCount(x) >> 3; goto matched; }
                    s += 8; i += 8;
                }
                while (s < length && src[i] == src[s]) { i++; s++; }
            matched:
                d += EmitCopy(dst + d, b - candidate, s - b);
                nextEmit = s;
                if (s >= sLimit) goto remainder;
                ulong w = Unsafe.ReadUnaligned<ulong>(src + s - 1);
                table[Hash((uint)w, shift) & mask] = (ushort)(s - 1);
                uint curr = Hash((uint)(w >> 8), shift) & mask;
                candidate = table[curr];
                table[curr] = (ushort)s;
                if ((uint)(w >> 8) != Load32(src + candidate))
                {
                    nextHash = Hash((uint)(w >> 16), shift);
                    s++;
                    break;
                }
            }
        }
    remainder:
        if (nextEmit < length) d += EmitLiteral(dst + d, src + nextEmit, length - nextEmit);
        return d;
    }

    private static int EmitLiteral(byte* dst, byte* lit, int length)
    {
        if (length == 0) return 0;
        int n = length - 1, i;
        if (n < 60) { dst[0] = (byte)(n << 2); i = 1; }
        else if (n < 1 << 8) { dst[0] = 60 << 2; dst[1] = (byte)n; i = 2; }
        else if (n < 1 << 16) { dst[0] = 61 << 2; dst[1] = (byte)n; dst[2] = (byte)(n >> 8); i = 3; }
        else { dst[0] = 62 << 2; dst[1] = (byte)n; dst[2] = (byte)(n >> 8); dst[3] = (byte)(n >> 16); i = 4; }
        Buffer.MemoryCopy(lit, dst + i, length, length);
        return i + length;
    }

    private static int EmitCopy(byte* dst, int offset, int length)
    {
        int i = 0;
        while (length >= 68)
        {
            dst[i] = (63 << 2) | 2; dst[i + 1] = (byte)offset; dst[i + 2] = (byte)(offset >> 8);
            i += 3; length -= 64;
        }
        if (length > 64)
        {
            dst[i] = (59 << 2) | 2; dst[i + 1] = (byte)offset; dst[i + 2] = (byte)(offset >> 8);
            i += 3; length -= 60;
        }
        if (length >= 12 || offset >= 2048)
        {
            dst[i] = (byte)(((length - 1) << 2) | 2); dst[i + 1] = (byte)offset; dst[i + 2] = (byte)(offset >> 8);
            return i + 3;
        }
        dst[i] = (byte)(((offset >> 8) << 5) | ((length - 4) << 2) | 1);
        dst[i + 1] = (byte)offset;
        return i + 2;
    }

    /// <summary>The uncompressed length a block declares (its leading varint).</summary>
    public static int DecodedLength(ReadOnlySpan<byte> src, out int headerBytes)
    {
        ulong v = 0;
        for (int shift = 0, i = 0; shift < 35 && i < src.Length; shift += 7, i++)
        {
            v |= (ulong)(src[i] & 0x7F) << shift;
            if (src[i] < 0x80)
            {
                if (v > int.MaxValue) break;
                headerBytes = i + 1;
                return (int)v;
            }
        }
        throw new InvalidDataException("snappy block has a corrupt length header");
    }

    /// <summary>Decompresses a whole block into exactly <c>dst.Length</c> bytes (which must be its declared length).</summary>
    public static void Decode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int declared = DecodedLength(src, out int s);
        if (declared != dst.Length) throw new InvalidDataException($"snappy block holds {declared} bytes, {dst.Length} expected");
        int d = 0, end = src.Length;
        fixed (byte* sp = src) fixed (byte* dp = dst)
        {
            while (s < end)
            {
                byte tag = sp[s++];
                int length, offset;
                switch (tag & 3)
                {
                    case 0:
                        length = tag >> 2;
                        if (length >= 60)
                        {
                            int bytes = length - 59;
                            if (bytes > end - s) throw new InvalidDataException("snappy literal length runs past the end");
                            length = 0;
                            for (int k = 0; k < bytes; k++) length |= sp[s + k] << (8 * k);
                            s += bytes;
                            if (length < 0) throw new InvalidDataException("snappy literal length is corrupt");
                        }
                        length++;
                        if (length > end - s || length > dst.Length - d) throw new InvalidDataException("snappy literal runs past the end");
                        if (length <= 16 && end - s >= 16 && dst.Length - d >= 16)
                        {
                            // Short literal: two unaligned 8-byte moves (the bytes past it are overwritten later).
                            Unsafe.WriteUnaligned(dp + d, Unsafe.ReadUnaligned<ulong>(sp + s));
                            Unsafe.WriteUnaligned(dp + d + 8, Unsafe.ReadUnaligned<ulong>(sp + s + 8));
                        }
                        else Buffer.MemoryCopy(sp + s, dp + d, length, length);
                        s += length; d += length;
                        continue;
                    case 1:
                        if (s >= end) throw new InvalidDataException("snappy copy runs past the end");
                        length = 4 + ((tag >> 2) & 7);
                        offset = ((tag >> 5) << 8) | sp[s++];
                        break;
                    case 2:
                        if (end - s < 2) throw new InvalidDataException("snappy copy runs past the end");
                        length = 1 + (tag >> 2);
                        offset = sp[s] | (sp[s + 1] << 8);
                        s += 2;
                        break;
                    default:
                        if (end - s < 4) throw new InvalidDataException("snappy copy runs past the end");
                        length = 1 + (tag >> 2);
                        offset = BinaryPrimitives.ReadInt32LittleEndian(src.Slice(s, 4));
                        s += 4;
                        break;
                }
                if (offset <= 0 || offset > d) throw new InvalidDataException($"snappy copy offset {offset} outside the {d} bytes decoded");
                if (length > dst.Length - d) throw new InvalidDataException("snappy copy runs past the declared length");
                byte* from = dp + d - offset, to = dp + d;
                if (offset >= 8 && dst.Length - d >= length + 8)
                {
                    // 8 bytes at a time: with offset ≥ 8 each read lies in bytes already written, so overlapping
                    // copies (repeating patterns) come out right too.
                    for (int k = 0; k < length; k += 8) Unsafe.WriteUnaligned(to + k, Unsafe.ReadUnaligned<ulong>(from + k));
                }
                else if (offset >= length) Buffer.MemoryCopy(from, to, length, length);
                else for (int k = 0; k < length; k++) to[k] = from[k];   // overlapping: a repeating pattern
                d += length;
            }
        }
        if (d != dst.Length) throw new InvalidDataException($"snappy block decodes to {d} bytes, it declares {dst.Length}");
    }
}
