namespace Pipeline.Storage.Azure;

/// <summary>
/// The properties of a blob from a Get Blob Properties (HEAD) or Get Blob response: size, quoted ETag,
/// last-modified time, and the write id this library stores as metadata (x-ms-meta-pipelinewriteid)
/// so that a retried conditional commit can recognize its own earlier, already applied attempt.
/// </summary>
internal sealed record BlobProperties(long Size, string ETag, DateTimeOffset LastModified, string? WriteId)
{
    /// <summary>Metadata header carrying the id of the write that produced the blob.</summary>
    public const string WriteIdHeader = "x-ms-meta-pipelinewriteid";

    /// <summary>Reads the properties from response headers.</summary>
    public static BlobProperties From(HttpResponseMessage response)
    {
        long size = response.Content.Headers.ContentLength ?? 0;
        if (response.Headers.TryGetValues("x-ms-blob-content-length", out var bl) && long.TryParse(bl.FirstOrDefault(), out var full)) size = full;
        if (response.Content.Headers.TryGetValues("Content-Range", out var cr) && cr.FirstOrDefault() is { } range)
        {
            int slash = range.LastIndexOf('/');
            if (slash >= 0 && long.TryParse(range.AsSpan(slash + 1), out var total)) size = total;
        }
        var writeId = response.Headers.TryGetValues(WriteIdHeader, out var w) ? w.FirstOrDefault() : null;
        return new BlobProperties(size, ETagOf(response), response.Content.Headers.LastModified ?? DateTimeOffset.MinValue, writeId);
    }

    /// <summary>The response's ETag in quoted form ("0x8D...").</summary>
    public static string ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var tags) && tags.FirstOrDefault() is { Length: > 0 } tag ? Quote(tag) : "";

    /// <summary>Ensures an ETag is in quoted form (List Blobs returns it unquoted, headers quoted).</summary>
    public static string Quote(string etag) => etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : "\"" + etag + "\"";

    /// <summary>The public view for callers.</summary>
    public ObjectInfo ToObjectInfo(string name) => new(name, Size, ETag, LastModified);
}
