using Pipeline.Grains.Input;
using Pipeline.Grains.Model;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Input;

/// <summary>Every quarantine reason of the contract, the reconciliation of counts, and the input rules (empties, booleans, duplicates).</summary>
public class QuarantineTests
{
    private const string Clusters = """
        cluster_id,name,province,prefecture,county,main_product,cluster_type
        C1,Wenzhou shoes,Zhejiang,Wenzhou,Lucheng,shoes,traditional_sme
        C2,Wenzhou lighters,Zhejiang,Wenzhou,Ouhai,lighters,
        C1,Duplicate,Zhejiang,Wenzhou,Lucheng,shoes,traditional_sme
        C3,Bad type,Zhejiang,Wenzhou,Lucheng,shoes,cottage
        ,No id,Zhejiang,Wenzhou,Lucheng,shoes,fdi
        """;

    private const string Firms = """
        firm_id,cluster_id,name,province,prefecture,county,country,industry_code,value_chain_stage,ownership,founded_year,employees,revenue,export_revenue,in_specialized_market
        1,C1,A,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,10,100.5,20,true
        2,C1,B,Zhejiang,Wenzhou,Lucheng,CN,1953,processing,private,1999,20,200,0,FALSE
        3,C2,C,Zhejiang,Wenzhou,Ouhai,,2439,components,collective,2005,5,50,,1
        4,,Outsider,Zhejiang,Jinhua,Yiwu,,5137,distribution,private,2003,,,,0
        5,,Buyer,,,,us,,branding,foreign,,,,,
        1,C2,Duplicate of 1,Zhejiang,Wenzhou,Ouhai,,1952,assembly,private,2001,10,100,20,true
        ,C1,Missing id,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,10,100,20,true
        x7,C1,Malformed id,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,10,100,20,true
        8,C9,Unknown cluster,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,10,100,20,true
        9,C1,Bad stage,Zhejiang,Wenzhou,Lucheng,,1952,welding,private,2001,10,100,20,true
        10,C1,Short code,Zhejiang,Wenzhou,Lucheng,,195,assembly,private,2001,10,100,20,true
        11,C1,Negative employees,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,-3,100,20,true
        12,C1,Negative revenue,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,3,-100,20,true
        13,C1,Bad bool,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,3,100,20,maybe
        14,C1,Bad ownership,Zhejiang,Wenzhou,Lucheng,,1952,assembly,pirate,2001,3,100,20,true
        15,C1,Malformed employees,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,3.5,100,20,true
        16,C3,In quarantined cluster,Zhejiang,Wenzhou,Lucheng,,1952,assembly,private,2001,3,100,20,true
        """;

    private const string Links = """
        src_firm_id,dst_firm_id,kind,weight,year
        1,2,supply,2.5,2010
        2,1,kinship,,2011
        1,3,subcontract,1,
        4,1,trade_channel,0.5,2009
        1,5,supply,3,2010
        1,1,supply,1,2010
        1,99,supply,1,2010
        1,9,supply,1,2010
        1,2,supply,0,2010
        1,2,supply,-2,2010
        1,2,,1,2010
        1,2,smuggling,1,2010
        ,2,supply,1,2010
        1,2,supply,abc,2010
        1,2,supply,1,20x0
        """;

    private const string FirmYears = """
        firm_id,year,employees,revenue
        1,2008,10,100
        1,2009,8,90
        2,2008,20,
        77,2008,1,1
        2,2009,-1,5
        2,,3,3
        """;

    private static async Task<InputReadResult> ReadAsync(string clusters = Clusters, string firms = Firms, string links = Links, string? firmYears = FirmYears)
    {
        using var dir = new TempFolder();
        dir.Write("clusters.csv", clusters);
        dir.Write("firms.csv", firms);
        dir.Write("links.csv", links);
        if (firmYears is not null) dir.Write("firm_years.csv", firmYears);
        return await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path));
    }

    [Fact]
    public async Task Quarantines_exactly_the_bad_rows_with_their_reason_codes()
    {
        var result = await ReadAsync();
        var got = result.Quarantine.Rows.Select(r => (r.SourceTable, r.RowNumber, r.ReasonCode)).OrderBy(r => r.SourceTable).ThenBy(r => r.RowNumber).ToList();
        (string, long, string)[] expected =
        [
            ("clusters", 3, "duplicate_id"), ("clusters", 4, "unknown_enum"), ("clusters", 5, "missing_field"),
            ("firm_years", 4, "unknown_firm"), ("firm_years", 5, "negative_value"), ("firm_years", 6, "missing_field"),
            ("firms", 6, "duplicate_id"), ("firms", 7, "missing_field"), ("firms", 8, "malformed_field"), ("firms", 9, "unknown_cluster"),
            ("firms", 10, "unknown_enum"), ("firms", 11, "malformed_field"), ("firms", 12, "negative_value"), ("firms", 13, "negative_value"),
            ("firms", 14, "malformed_field"), ("firms", 15, "unknown_enum"), ("firms", 16, "malformed_field"), ("firms", 17, "unknown_cluster"),
            ("links", 6, "self_link"), ("links", 7, "unknown_firm"), ("links", 8, "unknown_firm"), ("links", 9, "non_positive_weight"),
            ("links", 10, "non_positive_weight"), ("links", 11, "missing_field"), ("links", 12, "unknown_enum"), ("links", 13, "missing_field"),
            ("links", 14, "malformed_field"), ("links", 15, "malformed_field"),
        ];
        Assert.Equal(expected.OrderBy(r => r.Item1).ThenBy(r => r.Item2).ToList(), got);
    }

    [Fact]
    public async Task Counts_reconcile_per_table()
    {
        var result = await ReadAsync();
        var counts = result.Quarantine.Tables.ToDictionary(t => t.Table);
        Assert.Equal((5L, 2L, 3L), (counts["clusters"].Read, counts["clusters"].Kept, counts["clusters"].Quarantined));
        Assert.Equal((17L, 5L, 12L), (counts["firms"].Read, counts["firms"].Kept, counts["firms"].Quarantined));
        Assert.Equal((15L, 5L, 10L), (counts["links"].Read, counts["links"].Kept, counts["links"].Quarantined));
        Assert.Equal((6L, 3L, 3L), (counts["firm_years"].Read, counts["firm_years"].Kept, counts["firm_years"].Quarantined));
        foreach (var t in counts.Values) Assert.Equal(t.Read, t.Kept + t.Quarantined);
        Assert.Equal(result.Quarantine.Rows.Count, counts.Values.Sum(t => t.Quarantined));
        Assert.Equal(2, counts["firms"].ByReason["unknown_cluster"]);
    }

    [Fact]
    public async Task Quarantine_rows_carry_the_raw_row_and_a_reason_for_people()
    {
        var result = await ReadAsync();
        var row = result.Quarantine.Rows.Single(r => r.SourceTable == "firms" && r.RowNumber == 6);
        Assert.Equal("1,C2,Duplicate of 1,Zhejiang,Wenzhou,Ouhai,,1952,assembly,private,2001,10,100,20,true", row.Raw);
        Assert.Contains("firm_id 1 repeats row 1", row.Reason);
        var weight = result.Quarantine.Rows.Single(r => r.SourceTable == "links" && r.RowNumber == 9);
        Assert.Contains("weight", weight.Reason);
    }

    [Fact]
    public async Task Applies_the_contracts_defaults_for_empty_fields_and_booleans()
    {
        var d = (await ReadAsync()).Dataset;
        Assert.Equal([1L, 2L, 3L, 4L, 5L], d.Firms.Select(f => f.FirmId));
        var byId = d.Firms.ToDictionary(f => f.FirmId);
        Assert.Equal("CN", d.Strings[byId[1].Country]);
        Assert.False(byId[1].Foreign);
        Assert.Equal("US", d.Strings[byId[5].Country]);
        Assert.True(byId[5].Foreign);
        Assert.Equal(FirmRecord.NoCluster, byId[4].Cluster);
        Assert.True(byId[1].InSpecializedMarket);
        Assert.False(byId[2].InSpecializedMarket);
        Assert.True(byId[3].InSpecializedMarket);
        Assert.Equal(-1, byId[4].Employees);
        Assert.True(double.IsNaN(byId[3].ExportRevenue));
        Assert.Equal(["C1", "C2"], d.Clusters.Select(c => c.ClusterId));
        Assert.Equal(ClusterType.Unknown, d.Clusters[1].Type);
    }

    [Fact]
    public async Task Links_to_a_repeated_firm_id_bind_to_its_first_row()
    {
        var d = (await ReadAsync()).Dataset;
        // firm 1's kept row is in C1 (the duplicate row said C2); link 1→2 is therefore inside C1.
        var c1 = Array.FindIndex(d.Clusters, c => c.ClusterId == "C1");
        var first = d.Firms.Single(f => f.FirmId == 1);
        Assert.Equal(c1, first.Cluster);
        Assert.Equal(2.5 + 1.0, d.Links.Where(l => d.Firms[l.Source].FirmId is 1 or 2 && d.Firms[l.Target].FirmId is 1 or 2).Sum(l => l.Weight));
        Assert.Equal(LinkKind.Kinship, d.Links.Single(l => d.Firms[l.Source].FirmId == 2).Kind);
    }

    [Fact]
    public async Task A_missing_required_table_is_one_clear_error_naming_the_file()
    {
        using var dir = new TempFolder();
        dir.Write("clusters.csv", Clusters);
        dir.Write("firms.csv", Firms);
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => DatasetReader.ReadAsync(new LocalFolderStore(dir.Path)));
        Assert.Contains("links.csv", e.Message);
        Assert.Contains(dir.Path, e.Message);
    }

    [Fact]
    public async Task A_table_in_two_forms_is_an_error()
    {
        using var dir = new TempFolder();
        dir.Write("clusters.csv", Clusters);
        dir.Write("firms.csv", Firms);
        dir.Write("links.csv", Links);
        dir.Write("links.parquet", "not really");
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => DatasetReader.ReadAsync(new LocalFolderStore(dir.Path)));
        Assert.Contains("two forms", e.Message);
    }

    [Fact]
    public async Task A_missing_required_column_makes_the_table_unreadable()
    {
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => ReadAsync(links: "src_firm_id,kind\n1,supply\n"));
        Assert.Contains("dst_firm_id", e.Message);
        Assert.Contains("links.csv", e.Message);
    }

    [Fact]
    public async Task The_panel_is_optional()
    {
        var result = await ReadAsync(firmYears: null);
        Assert.False(result.Dataset.HasPanel);
        Assert.DoesNotContain(result.Quarantine.Tables, t => t.Table == "firm_years");
    }
}
