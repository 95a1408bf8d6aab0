using System.Globalization;
using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// DATE, TIMESTAMP (micros, UTC) and DECIMAL columns, REQUIRED and OPTIONAL: our writer → our reader and DuckDB
/// (values, logical and converted types, exact statistics), and DuckDB's writer → our reader.
/// </summary>
public class LogicalTypeTests
{
    private static readonly ParquetSchema Schema = new(
    [
        ParquetColumn.Date("d"), ParquetColumn.Timestamp("ts", required: false), ParquetColumn.Decimal("small", 9, 2),
        ParquetColumn.Decimal("big", 18, 4, required: false), ParquetColumn.Int64("id"),
    ]);

    private sealed record Row(DateOnly D, DateTime? Ts, decimal Small, decimal? Big, long Id);

    private static List<Row> Rows(int n) => [.. Enumerable.Range(0, n).Select(i => new Row(
        i == 0 ? new DateOnly(1, 1, 1) : i == 1 ? new DateOnly(9999, 12, 31) : new DateOnly(1969, 12, 25).AddDays(i * 37),
        i % 5 == 0 ? null : i == 1 ? new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc) : new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc).AddTicks(-i * 123_456_780L),
        i == 2 ? 9_999_999.99m : i == 3 ? -9_999_999.99m : (i * 7919 % 100_000 - 50_000) / 100m,
        i % 3 == 0 ? null : i == 4 ? 99_999_999_999_999.9999m : (i * 104_729L % 10_000_000 - 5_000_000) / 10_000m,
        i))];

    private static string Write(List<Row> rows, ParquetCodec codec = ParquetCodec.Snappy, int rowGroupRows = 1_000_000)
    {
        var path = TestRows.TempPath();
        using var w = new ParquetFileWriter(File.Create(path), Schema, new ParquetWriterOptions { Codec = codec, RowGroupMaxRows = rowGroupRows });
        foreach (var r in rows)
        {
            w.WriteDate(0, r.D);
            if (r.Ts is { } t) w.WriteTimestamp(1, t); else w.WriteNull(1);
            w.WriteDecimal(2, r.Small);
            if (r.Big is { } b) w.WriteDecimal(3, b); else w.WriteNull(3);
            w.WriteInt64(4, r.Id);
            w.EndRow();
        }
        return path;
    }

    [Fact]
    public void Dates_timestamps_and_decimals_round_trip_and_DuckDB_reads_them_with_their_types()
    {
        var rows = Rows(700);
        var path = Write(rows, rowGroupRows: 250);
        try
        {
            using (var reader = ParquetFileReader.Open(path))
            {
                Assert.Equal(Schema.Columns, reader.Schema.Columns);
                var back = new List<Row>();
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    var c = Enumerable.Range(0, 5).Select(i => reader.ReadColumn(g, i)).ToArray();
                    for (int r = 0; r < c[0].Count; r++)
                        back.Add(new Row(c[0].GetDate(r), c[1].IsNull(r) ? null : c[1].GetTimestamp(r), c[2].GetDecimal(r),
                            c[3].IsNull(r) ? null : c[3].GetDecimal(r), c[4].GetInt64(r)));
                }
                Assert.Equal(rows, back);
                Assert.Equal(DateTimeKind.Utc, back[2].Ts!.Value.Kind);
            }

            var types = DuckDbReader.Query($"SELECT typeof(d) AS d, typeof(ts) AS ts, typeof(small) AS small, typeof(big) AS big FROM read_parquet({DuckDbReader.Literal(path)}) LIMIT 1")[0];
            Assert.Equal("DATE", types.GetProperty("d").GetString());
            Assert.Equal("TIMESTAMP WITH TIME ZONE", types.GetProperty("ts").GetString());
            Assert.Equal("DECIMAL(9,2)", types.GetProperty("small").GetString());
            Assert.Equal("DECIMAL(18,4)", types.GetProperty("big").GetString());
            var read = DuckDbReader.Query($"SELECT strftime(d, '%Y-%m-%d') AS d, epoch_us(ts)::VARCHAR AS ts, small::VARCHAR AS small, big::VARCHAR AS big FROM read_parquet({DuckDbReader.Literal(path)})");
            Assert.Equal(rows.Count, read.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].D.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), read[i].GetProperty("d").GetString());
                Assert.Equal(rows[i].Ts is { } t ? ((t.Ticks - DateTime.UnixEpoch.Ticks) / 10).ToString(CultureInfo.InvariantCulture) : null,
                    read[i].GetProperty("ts").ValueKind == System.Text.Json.JsonValueKind.Null ? null : read[i].GetProperty("ts").GetString());
                Assert.Equal(rows[i].Small, decimal.Parse(read[i].GetProperty("small").GetString()!, CultureInfo.InvariantCulture));
                Assert.Equal(rows[i].Big, read[i].GetProperty("big").ValueKind == System.Text.Json.JsonValueKind.Null ? null
                    : decimal.Parse(read[i].GetProperty("big").GetString()!, CultureInfo.InvariantCulture));
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Statistics_are_exact_with_the_deprecated_min_max_for_numbers_only_and_DuckDB_agrees()
    {
        var rows = Rows(300);
        var path = TestRows.Write(TestRows.Make(300, 4), new ParquetWriterOptions());
        var logical = Write(rows);
        try
        {
            var meta = DuckDbReader.Query($"SELECT path_in_schema AS p, stats_min, stats_max, stats_min_value, stats_max_value, min_is_exact, max_is_exact FROM parquet_metadata({DuckDbReader.Literal(path)})")
                .ToDictionary(r => r.GetProperty("p").GetString()!);
            Assert.True(meta["id"].GetProperty("min_is_exact").GetBoolean());
            Assert.True(meta["id"].GetProperty("max_is_exact").GetBoolean());
            Assert.Equal(meta["id"].GetProperty("stats_min_value").GetString(), meta["id"].GetProperty("stats_min").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, meta["key"].GetProperty("stats_min").ValueKind);
            Assert.Equal("k000000", meta["key"].GetProperty("stats_min_value").GetString());
            Assert.True(meta["key"].GetProperty("max_is_exact").GetBoolean());

            var lmeta = DuckDbReader.Query($"SELECT path_in_schema AS p, stats_min_value, stats_max_value FROM parquet_metadata({DuckDbReader.Literal(logical)})")
                .ToDictionary(r => r.GetProperty("p").GetString()!);
            Assert.Equal("0001-01-01", lmeta["d"].GetProperty("stats_min_value").GetString());
            Assert.Equal("9999-12-31", lmeta["d"].GetProperty("stats_max_value").GetString());
            Assert.Equal(rows.Max(r => r.Small), decimal.Parse(lmeta["small"].GetProperty("stats_max_value").GetString()!, CultureInfo.InvariantCulture));

            using var reader = ParquetFileReader.Open(logical);
            var ds = reader.GetStatistics(0, 0)!;
            Assert.Equal(new DateOnly(1, 1, 1), ds.Min);
            Assert.Equal(new DateOnly(9999, 12, 31), ds.Max);
            Assert.True(ds.MinIsExact && ds.MaxIsExact);
            Assert.Equal(rows.Min(r => r.Small), reader.GetStatistics(0, 2)!.Min);
            Assert.Equal(rows.Min(r => r.Ts), reader.GetStatistics(0, 1)!.Min);
            Assert.Equal((long)rows.Count(r => r.Ts is null), reader.GetStatistics(0, 1)!.NullCount);
        }
        finally { File.Delete(path); File.Delete(logical); }
    }

    [Theory]
    [InlineData("snappy", "V1")]
    [InlineData("zstd", "V2")]
    [InlineData("gzip", "V1")]
    public void We_read_DuckDB_dates_timestamps_and_decimals(string codec, string version)
    {
        var path = TestRows.TempPath();
        try
        {
            DuckDbReader.Execute($"""
                COPY (SELECT DATE '1969-12-25' + (i * 37)::INT AS d,
                             CASE WHEN i % 5 = 0 THEN NULL ELSE TIMESTAMPTZ '2026-11-30 12:00:00+00' - INTERVAL (i * 12345) MICROSECOND END AS ts,
                             (((i * 7919 % 100000) - 50000) / 100)::DECIMAL(9,2) AS small,
                             CASE WHEN i % 3 = 0 THEN NULL ELSE ((((i * 104729) % 10000000) - 5000000) / 10000)::DECIMAL(18,4) END AS big,
                             TIMESTAMP '2020-01-01' + INTERVAL (i) SECOND AS local_ts
                      FROM range(0, 3000) t(i))
                TO {DuckDbReader.Literal(path)} (FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, ROW_GROUP_SIZE 1000)
                """);
            var expected = DuckDbReader.Query($"SELECT strftime(d, '%Y-%m-%d') AS d, epoch_us(ts)::VARCHAR AS ts, small::VARCHAR AS small, big::VARCHAR AS big, epoch_us(local_ts)::VARCHAR AS l FROM read_parquet({DuckDbReader.Literal(path)})");
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal([ParquetType.Date, ParquetType.Timestamp, ParquetType.Decimal, ParquetType.Decimal, ParquetType.Timestamp], reader.Schema.Columns.Select(c => c.Type));
            Assert.False(reader.Schema.Columns[4].Utc);
            int row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var c = Enumerable.Range(0, 5).Select(i => reader.ReadColumn(g, i)).ToArray();
                for (int r = 0; r < c[0].Count; r++, row++)
                {
                    var e = expected[row];
                    Assert.Equal(e.GetProperty("d").GetString(), c[0].GetDate(r).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    Assert.Equal(Str(e, "ts"), c[1].IsNull(r) ? null : Micros(c[1].GetTimestamp(r)));
                    Assert.Equal(decimal.Parse(e.GetProperty("small").GetString()!, CultureInfo.InvariantCulture), c[2].GetDecimal(r));
                    Assert.Equal(Str(e, "big") is { } b ? decimal.Parse(b, CultureInfo.InvariantCulture) : (decimal?)null, c[3].IsNull(r) ? null : c[3].GetDecimal(r));
                    Assert.Equal(Str(e, "l"), Micros(c[4].GetTimestamp(r)));
                }
            }
            Assert.Equal(3000, row);
        }
        finally { File.Delete(path); }

        static string Micros(DateTime t) => ((t.Ticks - DateTime.UnixEpoch.Ticks) / 10).ToString(CultureInfo.InvariantCulture);
        static string? Str(System.Text.Json.JsonElement e, string p) => e.GetProperty(p).ValueKind == System.Text.Json.JsonValueKind.Null ? null : e.GetProperty(p).GetString();
    }

    [Fact]
    public void Values_that_do_not_fit_the_decimal_are_refused()
    {
        using var w = new ParquetFileWriter(new MemoryStream(), Schema);
        Assert.Throws<ArgumentException>(() => w.WriteDecimal(2, 1.234m));
        Assert.Throws<ArgumentException>(() => w.WriteDecimal(2, 10_000_000m));
        Assert.Throws<ArgumentException>(() => w.WriteInt32(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParquetColumn.Decimal("x", 19, 2));
    }
}
