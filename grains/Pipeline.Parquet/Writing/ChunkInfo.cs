namespace Pipeline.Parquet.Writing;

/// <summary>Where a written column chunk is and what it holds, for the footer.</summary>
internal sealed record ChunkInfo(ParquetColumn Column, long DataPageOffset, long UncompressedSize, long CompressedSize,
    long NumValues, long NullCount, byte[]? Min, byte[]? Max);

/// <summary>A written row group, for the footer.</summary>
internal sealed record RowGroupInfo(IReadOnlyList<ChunkInfo> Chunks, long Rows, long FileOffset);
