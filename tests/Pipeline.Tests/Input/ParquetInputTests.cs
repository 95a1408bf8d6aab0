using System.Text.Json;
using Pipeline.Grains.Input;
using Pipeline.Grains.Input.Parquet;
using Pipeline.Grains.Runs;
using Parquet;
using Parquet.Schema;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Input;

/// <summary>
/// Parquet inputs: the e2e fixture converted by DuckDB to NAME.parquet files and to NAME/ folders of parts gives
/// exactly the outputs of the CSV run; quarantine row numbers and raw rows for Parquet; wrongly typed, corrupt and
/// non-Parquet inputs stop the read with one message naming the file.
/// </summary>
public class ParquetInputTests
{
    /// <summary>DuckDB SELECTs that type each fixture table as the contract asks (codes as strings, counts as integers).</summary>
    private static string TypedSelect(string table, string csv) => table switch
    {
        "clusters" => $"SELECT * FROM read_csv({DuckDb.Literal(csv)}, all_varchar = true)",
        "firms" => $"SELECT * REPLACE (employees::INTEGER AS employees, founded_year::INTEGER AS founded_year) FROM read_csv({DuckDb.Literal(csv)}, " +
                   "types = {'firm_id': 'BIGINT', 'cluster_id': 'VARCHAR', 'industry_code': 'VARCHAR', 'country': 'VARCHAR', 'in_specialized_market': 'BOOLEAN', 'revenue': 'DOUBLE', 'export_revenue': 'DOUBLE'})",
        "links" => $"SELECT * FROM read_csv({DuckDb.Literal(csv)}, types = {{'src_firm_id': 'BIGINT', 'dst_firm_id': 'BIGINT', 'kind': 'VARCHAR', 'weight': 'DOUBLE', 'year': 'INTEGER'}})",
        _ => $"SELECT * FROM read_csv({DuckDb.Literal(csv)}, types = {{'firm_id': 'BIGINT', 'year': 'BIGINT', 'employees': 'BIGINT', 'revenue': 'DOUBLE'}})",
    };

    private static readonly string[] Tables = ["clusters", "firms", "links", "firm_years"];

    /// <summary>Converts the fixture's CSV tables into <paramref name="folder"/>: one file each, or 3 parts each (several row groups).</summary>
    private static void Convert(string folder, bool parts)
    {
        foreach (var table in Tables)
        {
            var csv = Path.Combine(FixtureRun.InputFolder, table + ".csv");
            var select = TypedSelect(table, csv);
            if (!parts)
            {
                DuckDb.Query($"COPY ({select}) TO {DuckDb.Literal(Path.Combine(folder, table + ".parquet"))} (FORMAT parquet, COMPRESSION zstd)");
                continue;
            }
            Directory.CreateDirectory(Path.Combine(folder, table));
            long rows = File.ReadLines(csv).Count() - 1, per = (rows + 2) / 3;
            for (int p = 0; p < 3; p++)
                DuckDb.Query($"COPY ({select} LIMIT {per} OFFSET {p * per}) TO {DuckDb.Literal(Path.Combine(folder, table, $"part-{p}.parquet"))} " +
                             $"(FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 100{(p == 1 ? ", PARQUET_VERSION V2" : "")})");
        }
    }

    private static async Task<RunResult> Run(string input, string output, string runId) =>
        await new RunCoordinator(new UnitByUnitEngine(2), NullRunObserver.Instance)
            .RunAsync(new RunRequest(new LocalFolderStore(input), new LocalFolderStore(output)) { RunId = runId });

    /// <summary>Every output table of run <paramref name="actual"/> has exactly the rows of run <paramref name="expected"/>, in order (and the metric tables are not empty).</summary>
    private static void AssertSameOutputs(string output, string expected, string actual)
    {
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
        {
            var want = Rows(output, expected, table);
            var got = Rows(output, actual, table);
            Assert.Equal(want.Count, got.Count);
            if (table != "quarantine") Assert.NotEmpty(want);
            for (int i = 0; i < want.Count; i++) Assert.Equal(want[i], got[i]);
        }
    }

    private static List<string> Rows(string output, string runId, string table) =>
        [.. DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(Path.Combine(output, "runs", runId, table, "**", "*.parquet"))})")
            .Select(r => r.GetRawText())];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parquet_inputs_give_the_same_outputs_as_the_CSV_inputs(bool parts)
    {
        using var input = new TempFolder();
        using var output = new TempFolder();
        Convert(input.Path, parts);
        Assert.DoesNotContain(Directory.GetFiles(input.Path), f => f.EndsWith(".csv"));
        var csvRun = await Run(FixtureRun.InputFolder, output.Path, "from-csv");
        var parquetRun = await Run(input.Path, output.Path, "from-parquet");

        AssertSameOutputs(output.Path, "from-csv", "from-parquet");
        Assert.True(csvRun.Manifest.Tables["firm_metrics"].Rows > 0);
        Assert.Equal(csvRun.Manifest.RowsRead, parquetRun.Manifest.RowsRead);
        Assert.Equal(csvRun.Manifest.Quarantined, parquetRun.Manifest.Quarantined);
        Assert.Equal(parts ? 12 : 4, parquetRun.Manifest.Input.Files.Count);
        Assert.All(parquetRun.Manifest.Input.Files, f => Assert.Equal(64, f.Sha256.Length));
    }

    /// <summary>
    /// parquet-wasm (arrow-rs) with data pages v2 stores booleans RLE-encoded (firms.in_specialized_market), which
    /// Parquet.Net 6.1.0 misreads; our decoder must give the CSV run's rows.
    /// </summary>
    [Theory]
    [InlineData("SNAPPY", "V2", 100)]
    [InlineData("ZSTD", "V2", 1_000_000)]
    [InlineData("UNCOMPRESSED", "V1", 100)]
    public async Task Parquet_inputs_written_by_parquet_wasm_give_the_same_outputs_as_the_CSV_inputs(string codec, string version, int rowGroupRows)
    {
        using var duck = new TempFolder();
        using var input = new TempFolder();
        using var output = new TempFolder();
        Convert(duck.Path, parts: false);
        foreach (var table in Tables)
            NodeTools.ParquetInterop("wasm-rewrite", Path.Combine(duck.Path, table + ".parquet"), Path.Combine(input.Path, table + ".parquet"), codec, version,
                rowGroupRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var csvRun = await Run(FixtureRun.InputFolder, output.Path, "from-csv");
        var wasmRun = await Run(input.Path, output.Path, "from-wasm");
        AssertSameOutputs(output.Path, "from-csv", "from-wasm");
        Assert.Equal(csvRun.Manifest.RowsRead, wasmRun.Manifest.RowsRead);
        Assert.Equal(csvRun.Manifest.Quarantined, wasmRun.Manifest.Quarantined);
    }

    /// <summary>
    /// Issue 17, item 9: a firms table with extra columns of any type — nested (LIST, STRUCT, MAP, as DuckDB writes
    /// them) and flat ones of types the contract never uses (DATE, TIMESTAMP, DECIMAL, UUID, BLOB) — is read like the
    /// same table without them: the nested ones are ignored, the flat ones only appear in quarantined rows' raw text.
    /// </summary>
    [Fact]
    public async Task Extra_columns_of_any_type_including_nested_ones_are_ignored()
    {
        using var input = new TempFolder();
        using var output = new TempFolder();
        foreach (var table in new[] { "clusters", "links", "firm_years" })
            File.Copy(Path.Combine(FixtureRun.InputFolder, table + ".csv"), input.File(table + ".csv"));
        var firms = TypedSelect("firms", Path.Combine(FixtureRun.InputFolder, "firms.csv"));
        DuckDb.Query($"COPY (SELECT *, [industry_code, country] AS tags, {{'stage': value_chain_stage, 'n': employees}} AS info, MAP {{'k': employees}} AS m, " +
                     "[[1, 2], [3]] AS nested, DATE '2024-01-31' AS d, TIMESTAMP '2024-01-31 12:00:00' AS ts, 12.34::DECIMAL(10, 2) AS dec, " +
                     $"'5b6e4b2c-3d1f-4a8e-9c7b-1f2e3d4c5b6a'::UUID AS id, 'ab'::BLOB AS b FROM ({firms})) TO {DuckDb.Literal(input.File("firms.parquet"))} (FORMAT parquet)");
        var csvRun = await Run(FixtureRun.InputFolder, output.Path, "from-csv");
        var parquetRun = await Run(input.Path, output.Path, "extra-columns");
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics" })
            Assert.Equal(Rows(output.Path, "from-csv", table), Rows(output.Path, "extra-columns", table));
        Assert.Equal(csvRun.Manifest.RowsRead, parquetRun.Manifest.RowsRead);
        Assert.Equal(csvRun.Manifest.Quarantined, parquetRun.Manifest.Quarantined);
    }

    /// <summary>Writes a small Parquet table with Parquet.Net (row groups of 2 rows).</summary>
    private static void Write(string path, ParquetSchema schema, params object?[][] rows) => ParquetTestFile.Write(path, schema, 2, rows);

    private static ParquetSchema ClusterSchema => new(ParquetTestFile.Field<string>("cluster_id"), ParquetTestFile.Field<string>("name"), ParquetTestFile.Field<string>("cluster_type"));
    private static ParquetSchema FirmSchema => new(
        ParquetTestFile.Field<long>("firm_id"), ParquetTestFile.Field<string>("cluster_id"), ParquetTestFile.Field<string>("industry_code"),
        ParquetTestFile.Field<int>("employees"), ParquetTestFile.Field<double>("revenue"), ParquetTestFile.Field<bool>("in_specialized_market"));
    private static ParquetSchema LinkSchema => new(ParquetTestFile.Field<long>("src_firm_id"), ParquetTestFile.Field<long>("dst_firm_id"), ParquetTestFile.Field<string>("kind"), ParquetTestFile.Field<double>("weight"));

    internal static TempFolder SmallInput()
    {
        var dir = new TempFolder();
        Write(dir.File("clusters.parquet"), ClusterSchema, ["C1", "Shoes, \"Wenzhou\"", "traditional_sme"], ["C2", "温州", null], ["C1", "again", null], [null, "no id", null]);
        Directory.CreateDirectory(dir.File("firms"));
        Write(dir.File("firms/part-0.parquet"), FirmSchema, [1L, "C1", "1952", 10, 100.5, true], [2L, "C1", "0610", null, null, false], [1L, "C2", "1952", 3, 0.1, null]);
        Write(dir.File("firms/part-1.parquet"), FirmSchema, [null, "C1", "1952", 1, 1.0, true], [3L, "C9", "1952", 1, 1.0, true], [4L, null, "1952", -5, 1e300, false]);
        Write(dir.File("links.parquet"), LinkSchema, [1L, 2L, "supply", 2.5], [2L, 1L, "kinship", null], [1L, 1L, "supply", 1.0], [1L, 2L, "supply", -0.5]);
        return dir;
    }

    [Fact]
    public async Task Parquet_rows_are_validated_like_CSV_rows_with_row_index_plus_one_and_CSV_encoded_raw_rows()
    {
        using var dir = SmallInput();
        var result = await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path));
        var got = result.Quarantine.Rows.Select(r => (r.SourceTable, r.RowNumber, r.ReasonCode)).ToList();
        Assert.Equal(
        [
            ("clusters", 3L, "duplicate_id"), ("clusters", 4L, "missing_field"),
            ("firms", 3L, "duplicate_id"), ("firms", 4L, "missing_field"), ("firms", 5L, "unknown_cluster"), ("firms", 6L, "negative_value"),
            ("links", 3L, "self_link"), ("links", 4L, "non_positive_weight"),
        ], got);
        Assert.Equal("1,C2,1952,3,0.1,", result.Quarantine.Rows.Single(r => r.SourceTable == "firms" && r.RowNumber == 3).Raw);
        Assert.Equal("4,,1952,-5,1E+300,false", result.Quarantine.Rows.Single(r => r.SourceTable == "firms" && r.RowNumber == 6).Raw);
        Assert.Equal("C1,again,", result.Quarantine.Rows.Single(r => r.SourceTable == "clusters" && r.RowNumber == 3).Raw);

        var d = result.Dataset;
        Assert.Equal(["C1", "C2"], d.Clusters.Select(c => c.ClusterId));
        Assert.Equal("Shoes, \"Wenzhou\"", d.Clusters[0].Name);
        Assert.Equal([1L, 2L], d.Firms.Select(f => f.FirmId));
        Assert.Equal("0610", d.Strings[d.Firms[1].IndustryCode]);
        Assert.Equal(-1, d.Firms[1].Employees);
        Assert.True(double.IsNaN(d.Firms[1].Revenue));
        Assert.True(d.Firms[0].InSpecializedMarket);
        Assert.Equal(100.5, d.Firms[0].Revenue);
        Assert.Equal([2.5, 1.0], d.Links.Select(l => l.Weight));
        var counts = result.Quarantine.Tables.ToDictionary(t => t.Table);
        Assert.Equal((6L, 2L, 4L), (counts["firms"].Read, counts["firms"].Kept, counts["firms"].Quarantined));
        Assert.Equal(4, result.Fingerprint.Files.Count);
    }

    [Fact]
    public async Task A_code_column_stored_as_a_number_is_one_clear_error_naming_the_file_and_column()
    {
        using var dir = new TempFolder();
        foreach (var table in new[] { "clusters", "links" })
            File.Copy(Path.Combine(FixtureRun.InputFolder, table + ".csv"), dir.File(table + ".csv"));
        // DuckDB's CSV sniffer types industry_code (e.g. 2927) as BIGINT — not what the contract accepts.
        DuckDb.Query($"COPY (SELECT * FROM read_csv({DuckDb.Literal(Path.Combine(FixtureRun.InputFolder, "firms.csv"))})) TO {DuckDb.Literal(dir.File("firms.parquet"))} (FORMAT parquet)");
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => DatasetReader.ReadAsync(new LocalFolderStore(dir.Path)));
        Assert.Contains(Path.Combine(dir.Path, "firms.parquet").Replace('\\', '/'), e.Message.Replace('\\', '/'));
        Assert.Contains("'industry_code'", e.Message);
        Assert.Contains("STRING", e.Message);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("csv")]
    public async Task A_corrupt_or_non_Parquet_part_is_one_clear_error_naming_the_file(string damage)
    {
        using var dir = SmallInput();
        var part = dir.File("firms/part-1.parquet");
        var bytes = File.ReadAllBytes(part);
        bytes = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => Flip(bytes),
            _ => "firm_id,cluster_id\n1,C1\n"u8.ToArray(),
        };
        File.WriteAllBytes(part, bytes);
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => DatasetReader.ReadAsync(new LocalFolderStore(dir.Path)));
        Assert.Contains("firms/part-1.parquet", e.Message.Replace('\\', '/'));
        Assert.NotNull(e.InnerException);

        static byte[] Flip(byte[] b)
        {
            // Corrupt the footer length so it points before the start of the file.
            b[^5] = 0x7F;
            return b;
        }
    }

    [Fact]
    public async Task Ranged_reads_fetch_only_what_the_reader_asks_for()
    {
        using var dir = SmallInput();
        var store = new LocalFolderStore(dir.Path);
        long size = new FileInfo(dir.File("links.parquet")).Length;
        using var stream = new ObjectRangeStream(store, "links.parquet", size);
        var rows = await ParquetRows.ReadAsync(stream);
        Assert.Equal(4, rows.Rows.Count);
        Assert.Equal("kinship", rows.Rows[1][2]);
        Assert.True(stream.BytesFetched <= 2 * size);
        stream.Position = size - 4;
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        Assert.True(magic.SequenceEqual("PAR1"u8));
        Assert.Equal(0, stream.Read(magic));
    }
}
