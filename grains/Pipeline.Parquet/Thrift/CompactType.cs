namespace Pipeline.Parquet.Thrift;

/// <summary>Type ids of the thrift compact protocol (field headers and list element types).</summary>
internal static class CompactType
{
    public const byte Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8,
        List = 9, Set = 10, Map = 11, Struct = 12;
}
