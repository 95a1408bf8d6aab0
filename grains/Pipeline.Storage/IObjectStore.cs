namespace Pipeline.Storage;

/// <summary>
/// A flat store of named objects ("blobs"): a local folder or an Azure Blob container prefix.
/// Names are relative, '/'-separated, never start with '/', never contain "." or ".." segments
/// (see <see cref="ObjectName.Validate"/>). The pipeline reads inputs and writes run outputs only
/// through this interface, so every engine and every storage backend sees the same layout.
/// </summary>
public interface IObjectStore
{
    /// <summary>Human-readable location for messages and manifests (never contains secrets).</summary>
    string DisplayUri { get; }

    /// <summary>Opens an object for sequential reading. Throws <see cref="ObjectNotFoundException"/> if absent.</summary>
    Task<Stream> OpenReadAsync(string name, CancellationToken ct = default);

    /// <summary>Reads a byte range [offset, offset+length) of an object (length may run past the end; the result is then shorter).</summary>
    Task<byte[]> ReadRangeAsync(string name, long offset, int length, CancellationToken ct = default);

    /// <summary>Properties of an object, or null if it does not exist.</summary>
    Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken ct = default);

    /// <summary>
    /// Writes an object from a stream (the stream is read to its end). With <paramref name="condition"/>
    /// the write is conditional: <see cref="WriteCondition.IfNotExists"/> fails with
    /// <see cref="ObjectConflictException"/> if the object exists; <see cref="WriteCondition.IfMatch"/>
    /// fails if the object's current ETag differs. Returns the new object's info (ETag).
    /// A reader never sees a partially written object.
    /// </summary>
    Task<ObjectInfo> WriteAsync(string name, Stream content, WriteCondition? condition = null, CancellationToken ct = default);

    /// <summary>Lists objects whose names start with <paramref name="prefix"/>, in ordinal name order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>Deletes an object; returns false if it did not exist.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken ct = default);
}

/// <summary>An object's name (relative to the store), size in bytes and entity tag.</summary>
public sealed record ObjectInfo(string Name, long Size, string ETag, DateTimeOffset LastModified);

/// <summary>Precondition of a write.</summary>
public sealed record WriteCondition
{
    private WriteCondition(bool ifNotExists, string? ifMatch) { IfNotExistsFlag = ifNotExists; IfMatchETag = ifMatch; }

    /// <summary>True: the write succeeds only if no object of that name exists (If-None-Match: *).</summary>
    public bool IfNotExistsFlag { get; }

    /// <summary>Non-null: the write succeeds only if the object's current ETag equals this (If-Match).</summary>
    public string? IfMatchETag { get; }

    public static WriteCondition IfNotExists { get; } = new(true, null);
    public static WriteCondition IfMatch(string etag) => new(false, etag ?? throw new ArgumentNullException(nameof(etag)));
}

/// <summary>The named object does not exist.</summary>
public sealed class ObjectNotFoundException(string name, string store)
    : IOException($"Object '{name}' not found in {store}.")
{
    public string ObjectName { get; } = name;
}

/// <summary>A conditional write lost: the object exists already, or its ETag changed.</summary>
public sealed class ObjectConflictException(string name, string store, string detail)
    : IOException($"Conditional write of '{name}' in {store} refused: {detail}.")
{
    public string ObjectName { get; } = name;
}
