using System.Globalization;
using System.Xml;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Parsers of the Blob service's XML bodies: List Blobs (EnumerationResults/Blobs/Blob with Name and
/// Properties/Content-Length, Etag, Last-Modified; NextMarker) and Get Block List (UncommittedBlocks/Block
/// with Name and Size), and the Put Block List request body.
/// </summary>
internal static class BlobXml
{
    /// <summary>One listed blob: its full name in the container and properties.</summary>
    public readonly record struct ListedBlob(string Name, long Size, string ETag, DateTimeOffset LastModified);

    private static readonly XmlReaderSettings Settings = new() { IgnoreWhitespace = true, IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit, Async = false };

    /// <summary>Reads one List Blobs page; returns its NextMarker ("" or null when it is the last page).</summary>
    public static string? ReadListPage(Stream xml, List<ListedBlob> into)
    {
        using var reader = XmlReader.Create(xml, Settings);
        string? next = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.Name == "Blob") into.Add(ReadBlob(reader));
            else if (reader.Name == "NextMarker") next = reader.IsEmptyElement ? "" : reader.ReadElementContentAsString();
        }
        return next;
    }

    private static ListedBlob ReadBlob(XmlReader reader)
    {
        string name = "", etag = "";
        long size = 0;
        var modified = DateTimeOffset.MinValue;
        if (reader.IsEmptyElement) return new ListedBlob(name, size, etag, modified);
        int depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
            {
                // ReadElementContentAsString moves to the node after the end tag: examine it without Read().
                switch (reader.Name)
                {
                    case "Name": name = reader.ReadElementContentAsString(); continue;
                    case "Content-Length": size = long.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture); continue;
                    case "Etag": etag = BlobProperties.Quote(reader.ReadElementContentAsString()); continue;
                    case "Last-Modified":
                        modified = DateTimeOffset.Parse(reader.ReadElementContentAsString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                        continue;
                }
            }
            reader.Read();
        }
        return new ListedBlob(name, size, etag, modified);
    }

    /// <summary>Reads the uncommitted blocks (id → size) of a Get Block List response.</summary>
    public static Dictionary<string, long> ReadUncommittedBlocks(Stream xml)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(xml, Settings);
        bool inUncommitted = false;
        string? name = null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.Name == "UncommittedBlocks") inUncommitted = !reader.IsEmptyElement;
                else if (reader.Name == "CommittedBlocks") inUncommitted = false;
                else if (inUncommitted && reader.Name == "Name") name = reader.ReadString();
                else if (inUncommitted && reader.Name == "Size" && name is not null)
                {
                    result[name] = long.Parse(reader.ReadString(), CultureInfo.InvariantCulture);
                    name = null;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Name == "UncommittedBlocks") inUncommitted = false;
        }
        return result;
    }

    /// <summary>The Put Block List body committing <paramref name="blockIds"/> in order (each as Latest).</summary>
    public static byte[] BlockListBody(IReadOnlyList<string> blockIds)
    {
        var sb = new System.Text.StringBuilder(64 + blockIds.Count * 72);
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds) sb.Append("<Latest>").Append(id).Append("</Latest>");
        sb.Append("</BlockList>");
        return System.Text.Encoding.UTF8.GetBytes(sb.ToString());
    }
}
