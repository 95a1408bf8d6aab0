namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>Type</c>: the physical type of a column.</summary>
internal enum PhysicalType { Boolean = 0, Int32 = 1, Int64 = 2, Int96 = 3, Float = 4, Double = 5, ByteArray = 6, FixedLenByteArray = 7 }

/// <summary>parquet.thrift <c>Encoding</c>.</summary>
internal enum PageEncoding
{
    Plain = 0, PlainDictionary = 2, Rle = 3, BitPacked = 4, DeltaBinaryPacked = 5, DeltaLengthByteArray = 6,
    DeltaByteArray = 7, RleDictionary = 8, ByteStreamSplit = 9,
}

/// <summary>parquet.thrift <c>PageType</c>.</summary>
internal enum PageType { DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3 }

/// <summary>parquet.thrift <c>FieldRepetitionType</c>.</summary>
internal enum Repetition { Required = 0, Optional = 1, Repeated = 2 }

/// <summary>parquet.thrift <c>CompressionCodec</c>.</summary>
internal enum ThriftCodec { Uncompressed = 0, Snappy = 1, Gzip = 2, Lzo = 3, Brotli = 4, Lz4 = 5, Zstd = 6, Lz4Raw = 7 }
