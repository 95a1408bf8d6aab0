using System.Text;
using Pipeline.Grains.Input;
using Pipeline.Grains.Input.Csv;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Input;

/// <summary>
/// The shapes of bad input of issue 17, one test each: nothing is changed or lost silently — the row is
/// quarantined with the contract's reason code, or the table is unreadable with one short message naming the file.
/// </summary>
public class BadInputTests
{
    private const string Clusters = "cluster_id,name,province,prefecture,county,main_product,cluster_type\nC1,Shoes,Zhejiang,Wenzhou,Lucheng,shoes,\n";
    private const string FirmHeader = "firm_id,cluster_id,name,province,prefecture,county,country,industry_code,value_chain_stage,ownership,founded_year,employees,revenue,export_revenue,in_specialized_market\n";
    private const string Firms = FirmHeader + "1,C1,A,Zhejiang,,,,1952,assembly,private,2001,10,100,20,true\n2,C1,B,Zhejiang,,,,1952,assembly,private,2001,10,100,20,true\n";
    private const string Links = "src_firm_id,dst_firm_id,kind,weight,year\n1,2,supply,2,2010\n";

    private static async Task<InputReadResult> ReadAsync(byte[]? clusters = null, byte[]? firms = null, byte[]? links = null)
    {
        using var dir = ValidFolder();
        if (clusters is not null) File.WriteAllBytes(dir.File("clusters.csv"), clusters);
        if (firms is not null) File.WriteAllBytes(dir.File("firms.csv"), firms);
        if (links is not null) File.WriteAllBytes(dir.File("links.csv"), links);
        return await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path));
    }

    /// <summary>A folder holding the three required tables, valid.</summary>
    private static TempFolder ValidFolder()
    {
        var dir = new TempFolder();
        dir.Write("clusters.csv", Clusters);
        dir.Write("firms.csv", Firms);
        dir.Write("links.csv", Links);
        return dir;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static Pipeline.Grains.Input.Validation.QuarantineRow Single(InputReadResult r, string table) =>
        Assert.Single(r.Quarantine.Rows, q => q.SourceTable == table);

    [Fact]
    public async Task A_ragged_row_is_quarantined_naming_the_field_count()
    {
        var r = await ReadAsync(firms: Utf8(Firms + "3,C1,Decimal comma,Zhejiang,,,,1952,assembly,private,2001,10,2,5,20,true\n4,C1,Cut\n"));
        var rows = r.Quarantine.Rows.Where(q => q.SourceTable == "firms").ToList();
        Assert.Equal([3L, 4L], rows.Select(q => q.RowNumber));
        Assert.All(rows, q => Assert.Equal("malformed_field", q.ReasonCode));
        Assert.Contains("16 fields, the header 15", rows[0].Reason);
        Assert.Contains("3 fields", rows[1].Reason);
        Assert.Equal(2, r.Dataset.FirmCount);
    }

    [Fact]
    public async Task A_quote_that_is_never_closed_is_one_error_naming_the_file_and_row()
    {
        var links = Links + "2,1,\"supply,1,2010\n1,2,kinship,1,2011\n2,1,rnd,1,2012\n";
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => ReadAsync(links: Utf8(links)));
        Assert.Contains("links.csv", e.Message);
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public async Task A_file_cut_inside_a_quoted_field_is_not_kept()
    {
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => ReadAsync(firms: Utf8(Firms + "3,C1,\"Cut off")));
        Assert.Contains("firms.csv", e.Message);
        Assert.Contains("row 3", e.Message);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_quarantined()
    {
        var r = await ReadAsync(firms: Utf8(Firms + "3,C1,\"Acme\" Ltd,Zhejiang,,,,1952,assembly,private,2001,10,100,20,true\n"));
        var q = Single(r, "firms");
        Assert.Equal(("malformed_field", 3L), (q.ReasonCode, q.RowNumber));
        Assert.Contains("closing quote", q.Reason);
    }

    [Fact]
    public async Task A_repeated_header_column_is_refused_naming_it()
    {
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => ReadAsync(links: Utf8("src_firm_id,dst_firm_id,kind,weight,weight\n1,2,supply,2,3\n")));
        Assert.Contains("links.csv", e.Message);
        Assert.Contains("'weight' appears twice", e.Message);
    }

    [Theory]
    [InlineData("1.7e308", "weight")]
    [InlineData("1e16", "weight")]
    public async Task A_weight_too_large_to_be_summed_is_quarantined(string weight, string field)
    {
        var r = await ReadAsync(links: Utf8(Links + $"2,1,supply,{weight},2010\n"));
        var q = Single(r, "links");
        Assert.Equal("malformed_field", q.ReasonCode);
        Assert.Contains(field, q.Reason);
    }

    [Theory]
    [InlineData("9223372036854775807", "", "employees")]
    [InlineData("", "1.7e308", "revenue")]
    public async Task Firm_values_out_of_range_are_quarantined(string employees, string revenue, string field)
    {
        var r = await ReadAsync(firms: Utf8(Firms + $"3,C1,Big,Zhejiang,,,,1952,assembly,private,2001,{employees},{revenue},,true\n"));
        var q = Single(r, "firms");
        Assert.Equal("malformed_field", q.ReasonCode);
        Assert.Contains(field, q.Reason);
    }

    [Fact]
    public async Task Invalid_utf8_is_quarantined_with_its_bytes_escaped_and_never_merges_two_ids()
    {
        var firms = new List<byte>(Utf8(FirmHeader));
        foreach (var bad in new byte[] { 0xFF, 0xFE })
        {
            firms.AddRange(Utf8("9"));
            firms.Add(bad);
            firms.AddRange(Utf8(",C1,N\u00e4me,Zhejiang,,,,1952,assembly,private,2001,10,100,20,true\n"));
        }
        firms.AddRange(Utf8("5,C1,Good,Zhejiang,,,,1952,assembly,private,2001,10,100,20,true\n"));
        var r = await ReadAsync(firms: [.. firms]);
        var rows = r.Quarantine.Rows.Where(q => q.SourceTable == "firms").ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, q => Assert.Equal("malformed_field", q.ReasonCode));
        Assert.All(rows, q => Assert.Contains("invalid UTF-8", q.Reason));
        Assert.StartsWith("9\\xFF,C1,N\u00e4me", rows[0].Raw);
        Assert.StartsWith("9\\xFE,C1", rows[1].Raw);
        Assert.Equal([5L], r.Dataset.Firms.Select(f => f.FirmId));
    }

    [Fact]
    public async Task A_header_that_is_not_utf8_is_refused()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Links)).ToArray();
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => ReadAsync(links: utf16));
        Assert.Contains("links.csv", e.Message);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public async Task A_bom_and_cr_line_ends_are_read_as_usual()
    {
        var r = await ReadAsync(links: [0xEF, 0xBB, 0xBF, .. Utf8(Links.Replace("\n", "\r"))]);
        Assert.Empty(r.Quarantine.Rows);
        Assert.Single(r.Dataset.Links);
    }

    [Fact]
    public async Task A_megabyte_header_gives_a_short_message()
    {
        var header = string.Join(",", Enumerable.Range(0, 100_000).Select(i => "column_" + i));
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => ReadAsync(links: Utf8(header + "\n1\n")));
        Assert.Contains("links.csv", e.Message);
        Assert.True(e.Message.Length <= TextClip.MessageLength + 1, $"{e.Message.Length} characters");
    }

    [Fact]
    public async Task An_unreadable_folder_beside_the_tables_is_not_looked_at()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName == "root") return; // root reads mode 000 folders
        using var dir = ValidFolder();
        var locked = Directory.CreateDirectory(dir.File("lost+found")).FullName;
        Directory.CreateDirectory(Path.Combine(locked, "inner"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var r = await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path));
            Assert.Equal(2, r.Dataset.FirmCount);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task Only_the_contracts_names_are_looked_up_in_the_store()
    {
        using var dir = ValidFolder();
        var store = new ListingRefusingStore(new LocalFolderStore(dir.Path));
        var r = await DatasetReader.ReadAsync(store);
        Assert.Equal(2, r.Dataset.FirmCount);
        Assert.Equal(["clusters/", "firms/", "links/", "firm_years/"], store.Listed);
    }

    /// <summary>A store whose whole listing fails, as a folder with an unreadable <c>lost+found/</c> does; table prefixes list.</summary>
    private sealed class ListingRefusingStore(IObjectStore inner) : IObjectStore
    {
        public List<string> Listed { get; } = [];
        public string DisplayUri => inner.DisplayUri;
        public Task<Stream> OpenReadAsync(string name, CancellationToken ct = default) => inner.OpenReadAsync(name, ct);
        public Task<byte[]> ReadRangeAsync(string name, long offset, int length, CancellationToken ct = default) => inner.ReadRangeAsync(name, offset, length, ct);
        public Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken ct = default) => inner.GetInfoAsync(name, ct);
        public Task<ObjectInfo> WriteAsync(string name, Stream content, WriteCondition? condition = null, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<bool> DeleteAsync(string name, CancellationToken ct = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default)
        {
            if (!prefix.EndsWith('/')) throw new UnauthorizedAccessException("Access to the path 'lost+found' is denied.");
            Listed.Add(prefix);
            return inner.ListAsync(prefix, ct);
        }
    }

    [Fact]
    public void Blank_and_whitespace_lines_do_not_hide_rows()
    {
        using var c = new CsvTableCursor(new MemoryStream(Utf8("a,b\n\n1,2\n  \n3,4")), "t.csv");
        var rows = new List<(long, int)>();
        while (c.MoveNext()) rows.Add((c.RowNumber, c.FieldCount));
        Assert.Equal([(1L, 2), (2L, 1), (3L, 2)], rows);
    }
}
