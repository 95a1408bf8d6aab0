using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// Round trips of random flat schemas (every type, REQUIRED and OPTIONAL) and random data — extremes, NaN, empty
/// and unicode strings, all-null columns — with random codecs, row-group, page and dictionary sizes, from 0 rows up;
/// our reader must return every value, and DuckDB must count the same rows and nulls.
/// </summary>
public class RandomSchemaTests
{
    private static readonly ParquetType[] Types = Enum.GetValues<ParquetType>();

    private static ParquetColumn RandomColumn(Random rng, int i)
    {
        var type = Types[rng.Next(Types.Length)];
        bool required = rng.Next(2) == 0;
        return type == ParquetType.Decimal
            ? ParquetColumn.Decimal($"c{i}_{type}", rng.Next(1, 19), 0, required) is var d ? d with { Scale = rng.Next(0, d.Precision + 1) } : d
            : new ParquetColumn($"c{i}_{type}", type, required);
    }

    private static object? RandomValue(Random rng, ParquetColumn c, bool allNull)
    {
        if (!c.Required && (allNull || rng.Next(4) == 0)) return null;
        int pick = rng.Next(10);
        switch (c.Type)
        {
            case ParquetType.Int32: return pick == 0 ? int.MinValue : pick == 1 ? int.MaxValue : rng.Next(-1000, 1000);
            case ParquetType.Int64: return pick == 0 ? long.MinValue : pick == 1 ? long.MaxValue : rng.NextInt64(-1L << 40, 1L << 40);
            case ParquetType.Float: return pick == 0 ? float.NaN : pick == 1 ? float.MaxValue : pick == 2 ? -0f : (float)(rng.NextDouble() * 100 - 50);
            case ParquetType.Double: return pick == 0 ? double.NegativeInfinity : pick == 1 ? double.Epsilon : pick == 2 ? double.NaN : rng.NextDouble() * 1e9;
            case ParquetType.Boolean: return rng.Next(2) == 0;
            case ParquetType.String:
                string[] words = ["", "温州", "🙂🙂", "a,b\"c\n", new string('x', 300), "\u0000nul"];
                return pick < 6 ? words[pick] : "s" + rng.Next(50);
            case ParquetType.Date: return pick == 0 ? DateOnly.MinValue : pick == 1 ? DateOnly.MaxValue : new DateOnly(1970, 1, 1).AddDays(rng.Next(-40000, 40000));
            case ParquetType.Timestamp:
                return pick == 0 ? new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc) : new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(rng.NextInt64(-1L << 52, 1L << 52) / 10 * 10);
            default:
                long max = (long)Math.Pow(10, c.Precision) - 1;
                long unscaled = pick == 0 ? max : pick == 1 ? -max : rng.NextInt64(-max, max + 1);
                return unscaled / (decimal)Math.Pow(10, c.Scale);
        }
    }

    private static void WriteValue(ParquetFileWriter w, int i, ParquetColumn c, object? v)
    {
        if (v is null) { w.WriteNull(i); return; }
        switch (c.Type)
        {
            case ParquetType.Int32: w.WriteInt32(i, (int)v); break;
            case ParquetType.Int64: w.WriteInt64(i, (long)v); break;
            case ParquetType.Float: w.WriteFloat(i, (float)v); break;
            case ParquetType.Double: w.WriteDouble(i, (double)v); break;
            case ParquetType.Boolean: w.WriteBoolean(i, (bool)v); break;
            case ParquetType.String: w.WriteString(i, (string)v); break;
            case ParquetType.Date: w.WriteDate(i, (DateOnly)v); break;
            case ParquetType.Timestamp: w.WriteTimestamp(i, (DateTime)v); break;
            default: w.WriteDecimal(i, (decimal)v); break;
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 37)]
    [InlineData(5, 1000)]
    [InlineData(6, 4096)]
    [InlineData(7, 20_000)]
    [InlineData(8, 333)]
    public void Random_schemas_and_data_round_trip(int seed, int rows)
    {
        var rng = new Random(seed);
        var schema = new ParquetSchema([.. Enumerable.Range(0, rng.Next(1, 14)).Select(i => RandomColumn(rng, i))]);
        var allNull = schema.Columns.Select(c => !c.Required && rng.Next(5) == 0).ToArray();
        var data = Enumerable.Range(0, rows).Select(_ => schema.Columns.Select((c, i) => RandomValue(rng, c, allNull[i])).ToArray()).ToList();
        var options = new ParquetWriterOptions
        {
            Codec = (ParquetCodec)rng.Next(4),
            RowGroupMaxRows = rng.Next(3) == 0 ? 1_000_000 : rng.Next(1, 3000),
            PageMaxBytes = rng.Next(2) == 0 ? 1 << 20 : rng.Next(64, 8192),
            UseDictionary = rng.Next(4) != 0,
            DictionaryMaxBytes = rng.Next(2) == 0 ? 1 << 20 : rng.Next(16, 4096),
        };
        var path = TestRows.TempPath();
        try
        {
            using (var w = new ParquetFileWriter(File.Create(path), schema, options))
                foreach (var row in data)
                {
                    for (int i = 0; i < row.Length; i++) WriteValue(w, i, schema.Columns[i], row[i]);
                    w.EndRow();
                }
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(schema.Columns, reader.Schema.Columns);
            Assert.Equal(rows, reader.RowCount);
            int r0 = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var cols = Enumerable.Range(0, schema.Columns.Count).Select(i => reader.ReadColumn(g, i)).ToArray();
                for (int r = 0; r < cols[0].Count; r++, r0++)
                    for (int i = 0; i < cols.Length; i++)
                        Assert.True(Equals(data[r0][i], cols[i].GetValue(r)), $"row {r0} column {schema.Columns[i].Name}: wrote {data[r0][i]}, read {cols[i].GetValue(r)}");
            }
            Assert.Equal(rows, r0);

            var nulls = string.Join(", ", schema.Columns.Select(c => $"count(*) - count(\"{c.Name}\") AS \"{c.Name}\""));
            var counted = DuckDbReader.Query($"SELECT count(*) AS n, {nulls} FROM read_parquet({DuckDbReader.Literal(path)})")[0];
            Assert.Equal(rows.ToString(), counted.GetProperty("n").ToString());
            for (int i = 0; i < schema.Columns.Count; i++)
                Assert.Equal(data.Count(d => d[i] is null).ToString(), counted.GetProperty(schema.Columns[i].Name).ToString());
        }
        finally { File.Delete(path); }
    }
}
