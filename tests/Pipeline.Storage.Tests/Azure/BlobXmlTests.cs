using System.Text;
using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

public sealed class BlobXmlTests
{
    [Fact]
    public void List_page_yields_names_sizes_quoted_etags_times_and_next_marker()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1" ContainerName="c">
              <Prefix>runs/</Prefix><MaxResults>2</MaxResults>
              <Blobs>
                <Blob><Name>runs/a.parquet</Name><Properties><Last-Modified>Mon, 02 Jan 2023 03:04:05 GMT</Last-Modified><Etag>0x8DB1</Etag><Content-Length>123</Content-Length><BlobType>BlockBlob</BlobType></Properties><Metadata /></Blob>
                <Blob><Name>runs/b &amp; c.json</Name><Properties><Content-Length>0</Content-Length><Etag>"0x8DB2"</Etag></Properties></Blob>
              </Blobs>
              <NextMarker>2!64!bWFya2Vy</NextMarker>
            </EnumerationResults>
            """;
        var page = new List<BlobXml.ListedBlob>();
        var next = BlobXml.ReadListPage(new MemoryStream(Encoding.UTF8.GetBytes(xml.Trim())), page);
        Assert.Equal("2!64!bWFya2Vy", next);
        Assert.Equal(2, page.Count);
        Assert.Equal(new BlobXml.ListedBlob("runs/a.parquet", 123, "\"0x8DB1\"", new DateTimeOffset(2023, 1, 2, 3, 4, 5, TimeSpan.Zero)), page[0]);
        Assert.Equal("runs/b & c.json", page[1].Name);
        Assert.Equal("\"0x8DB2\"", page[1].ETag);
        Assert.Equal(0, page[1].Size);

        var last = new List<BlobXml.ListedBlob>();
        Assert.True(string.IsNullOrEmpty(BlobXml.ReadListPage(new MemoryStream("<EnumerationResults><Blobs /><NextMarker /></EnumerationResults>"u8.ToArray()), last)));
        Assert.Empty(last);
    }

    [Fact]
    public void Block_list_reads_only_uncommitted_blocks_and_body_lists_ids_in_order()
    {
        const string xml = "<BlockList><CommittedBlocks><Block><Name>QQ==</Name><Size>5</Size></Block></CommittedBlocks>" +
                           "<UncommittedBlocks><Block><Name>Qg==</Name><Size>7</Size></Block><Block><Name>Qw==</Name><Size>9</Size></Block></UncommittedBlocks></BlockList>";
        var blocks = BlobXml.ReadUncommittedBlocks(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
        Assert.Equal(2, blocks.Count);
        Assert.Equal(7, blocks["Qg=="]);
        Assert.Equal(9, blocks["Qw=="]);
        Assert.False(blocks.ContainsKey("QQ=="));

        var body = Encoding.UTF8.GetString(BlobXml.BlockListBody(["Qg==", "Qw=="]));
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><Latest>Qg==</Latest><Latest>Qw==</Latest></BlockList>", body);
    }
}
