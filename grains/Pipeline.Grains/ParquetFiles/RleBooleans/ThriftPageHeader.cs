namespace Pipeline.Grains.ParquetFiles.RleBooleans;

/// <summary>
/// The fields of a Parquet page header (parquet.thrift <c>PageHeader</c>, with its <c>DataPageHeader</c> and
/// <c>DataPageHeaderV2</c>) that <see cref="RleBooleanChunk"/> needs, read from the Thrift compact protocol. Parquet.Net
/// 6.1.0 has this reader but keeps it internal; every other field is skipped.
/// </summary>
internal sealed class ThriftPageHeader
{
    public const int DataPage = 0, DictionaryPage = 2, DataPageV2 = 3;

    public int Type;
    public int UncompressedSize;
    public int CompressedSize;
    public int NumValues;
    public int NumNulls;
    public int Encoding;
    public int DefinitionLevelsLength;
    public int RepetitionLevelsLength;
    public bool IsCompressed = true;

    /// <summary>Reads one header at the stream's position, leaving the stream at the first byte of the page's data.</summary>
    public static ThriftPageHeader Read(Stream stream)
    {
        var header = new ThriftPageHeader();
        var r = new CompactReader(stream);
        r.ReadStruct((id, type) =>
        {
            switch (id)
            {
                case 1: header.Type = r.ReadInt(); break;
                case 2: header.UncompressedSize = r.ReadInt(); break;
                case 3: header.CompressedSize = r.ReadInt(); break;
                case 5: r.ReadStruct((f, t) => { if (f == 1) header.NumValues = r.ReadInt(); else if (f == 2) header.Encoding = r.ReadInt(); else r.Skip(t); }); break;
                case 8:
                    r.ReadStruct((f, t) =>
                    {
                        switch (f)
                        {
                            case 1: header.NumValues = r.ReadInt(); break;
                            case 2: header.NumNulls = r.ReadInt(); break;
                            case 4: header.Encoding = r.ReadInt(); break;
                            case 5: header.DefinitionLevelsLength = r.ReadInt(); break;
                            case 6: header.RepetitionLevelsLength = r.ReadInt(); break;
                            case 7: header.IsCompressed = t == CompactReader.True; break;
                            default: r.Skip(t); break;
                        }
                    });
                    break;
                default: r.Skip(type); break;
            }
        });
        if (header.CompressedSize < 0 || header.UncompressedSize < 0 || header.NumValues < 0 || header.NumNulls < 0 ||
            header.DefinitionLevelsLength < 0 || header.RepetitionLevelsLength < 0 ||
            header.DefinitionLevelsLength + header.RepetitionLevelsLength > Math.Min(header.CompressedSize, header.UncompressedSize))
            throw new InvalidDataException("a page header declares negative or inconsistent sizes");
        return header;
    }

    /// <summary>The Thrift compact protocol, as far as a page header needs it: structs of ints, booleans, binaries, lists and nested structs.</summary>
    private readonly struct CompactReader(Stream stream)
    {
        public const int True = 1, False = 2;
        private const int Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

        /// <summary>Reads a struct's fields up to its stop byte, calling <paramref name="field"/> with each field's id and type (the callee reads or skips the value).</summary>
        public void ReadStruct(Action<int, int> field)
        {
            int id = 0;
            while (true)
            {
                int b = Byte1();
                if (b == 0) return;
                int delta = b >> 4, type = b & 0x0F;
                id = delta == 0 ? (short)ZigZag(Varint()) : id + delta;
                field(id, type);
            }
        }

        public int ReadInt() => checked((int)ZigZag(Varint()));

        public void Skip(int type)
        {
            switch (type)
            {
                case True or False: return;                               // the value is in the type nibble
                case Byte: Byte1(); return;
                case I16 or I32 or I64: Varint(); return;
                case Double: for (int i = 0; i < 8; i++) Byte1(); return;
                case Binary: for (long n = checked((long)Varint()); n > 0; n--) Byte1(); return;
                case List or Set:
                    int head = Byte1();
                    long count = head >> 4 == 15 ? checked((long)Varint()) : head >> 4;
                    int element = head & 0x0F;
                    for (long i = 0; i < count; i++) Skip(element == True ? Byte : element);   // list booleans take a byte each
                    return;
                case Map:
                    long pairs = checked((long)Varint());
                    if (pairs == 0) return;
                    int kinds = Byte1();
                    for (long i = 0; i < pairs; i++) { Skip(kinds >> 4); Skip(kinds & 0x0F); }
                    return;
                case Struct: var self = this; ReadStruct((_, t) => self.Skip(t)); return;
                default: throw new InvalidDataException($"a page header has an unknown Thrift type {type}");
            }
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                int b = Byte1();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw new InvalidDataException("a page header has a varint longer than 10 bytes");
        }

        private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

        private int Byte1() => stream.ReadByte() is var b and >= 0 ? b : throw new EndOfStreamException("the file ends inside a page header");
    }
}
