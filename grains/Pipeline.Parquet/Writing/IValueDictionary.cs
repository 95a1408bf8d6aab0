using Pipeline.Parquet.Encodings;

namespace Pipeline.Parquet.Writing;

/// <summary>The dictionary of one column chunk: its distinct values PLAIN-encoded in index order (the dictionary page body).</summary>
internal interface IValueDictionary : IDisposable
{
    /// <summary>Number of distinct values.</summary>
    int Count { get; }
    /// <summary>The dictionary page body.</summary>
    PooledBuffer Plain { get; }
    /// <summary>Empties the dictionary for the next column chunk.</summary>
    void Clear();
}
