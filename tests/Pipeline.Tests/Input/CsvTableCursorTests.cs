using System.Text;
using Pipeline.Grains.Input;
using Pipeline.Grains.Input.Csv;
using Xunit;

namespace Pipeline.Tests.Input;

public class CsvTableCursorTests
{
    private static CsvTableCursor Open(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        return new CsvTableCursor(new MemoryStream(bytes), "test.csv");
    }

    private static List<(long Row, string[] Fields, string Raw)> All(CsvTableCursor c)
    {
        var rows = new List<(long, string[], string)>();
        while (c.MoveNext())
            rows.Add((c.RowNumber, Enumerable.Range(0, c.FieldCount).Select(i => c.Field(i).ToString()).ToArray(), c.RawRow()));
        return rows;
    }

    [Fact]
    public void Reads_header_and_plain_rows()
    {
        using var c = Open("a,b,c\n1,2,3\n4,,6\n", bom: true);
        Assert.Equal(["a", "b", "c"], c.Columns);
        var rows = All(c);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "2", "3"], rows[0].Fields);
        Assert.Equal(["4", "", "6"], rows[1].Fields);
        Assert.Equal(2, rows[1].Row);
        Assert.Equal("4,,6", rows[1].Raw);
    }

    [Fact]
    public void Unescapes_quotes_commas_and_line_breaks_and_keeps_the_raw_text()
    {
        using var c = Open("id,name\r\n1,\"Wenzhou, \"\"shoes\"\"\"\r\n2,\"two\nlines\"\r\n3,last");
        var rows = All(c);
        Assert.Equal(3, rows.Count);
        Assert.Equal("Wenzhou, \"shoes\"", rows[0].Fields[1]);
        Assert.Equal("1,\"Wenzhou, \"\"shoes\"\"\"", rows[0].Raw);
        Assert.Equal("two\nlines", rows[1].Fields[1]);
        Assert.Equal("2,\"two\nlines\"", rows[1].Raw);
        Assert.Equal(["3", "last"], rows[2].Fields);
        Assert.Equal(3, rows[2].Row);
    }

    [Fact]
    public void Skips_blank_lines_without_numbering_them_and_reports_ragged_rows()
    {
        using var c = Open("a,b\n\n1,2\n\n3\n4,5,6\n");
        var rows = All(c);
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Row));
        Assert.Single(rows[1].Fields);
        Assert.Equal(3, rows[2].Fields.Length);
    }

    [Fact]
    public void Field_beyond_the_row_is_empty()
    {
        using var c = Open("a,b,c\n1\n");
        Assert.True(c.MoveNext());
        Assert.Equal("", c.Field(2).ToString());
    }

    [Fact]
    public void Reads_a_large_file_across_buffer_boundaries()
    {
        var sb = new StringBuilder("id,text\n");
        for (int i = 0; i < 20_000; i++) sb.Append(i).Append(",\"x,").Append(new string('y', i % 37)).Append("\"\n");
        using var c = Open(sb.ToString());
        int n = 0;
        while (c.MoveNext())
        {
            Assert.Equal(n.ToString(), c.Field(0).ToString());
            Assert.Equal("x," + new string('y', n % 37), c.Field(1).ToString());
            n++;
        }
        Assert.Equal(20_000, n);
    }

    [Fact]
    public void Empty_file_is_unreadable()
    {
        var e = Assert.Throws<InputUnreadableException>(() => Open(""));
        Assert.Contains("test.csv", e.Message);
    }

    /// <summary>
    /// Random records (quoted and unquoted fields, escaped quotes, embedded commas and line breaks, CRLF and LF,
    /// long fields) so that records, quotes and CRLF pairs straddle the cursor's 64 K buffer refills; every field and
    /// every raw row must equal what a whole-string reference parser gives.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_records_across_buffer_boundaries_match_a_reference_parser(int seed)
    {
        var rng = new Random(seed);
        var expected = new List<(string[] Fields, string Raw)>();
        var text = new StringBuilder("h1,h2,h3\n");
        for (int r = 0; r < 6_000; r++)
        {
            int count = rng.Next(1, 5);
            var fields = new string[count];
            var raw = new StringBuilder();
            for (int f = 0; f < count; f++)
            {
                if (f > 0) raw.Append(',');
                int kind = rng.Next(4);
                int len = rng.Next(0, rng.Next(10) == 0 ? 3_000 : 12);
                var value = new StringBuilder();
                for (int i = 0; i < len; i++) value.Append("ab,\"\n\r\u00e9\u4e2d"[rng.Next(kind == 0 ? 2 : 8)]);
                if (kind == 0 && value.Length > 0) { raw.Append(value); fields[f] = value.ToString(); }
                else { raw.Append('"').Append(value.ToString().Replace("\"", "\"\"")).Append('"'); fields[f] = value.ToString(); }
            }
            if (count == 1 && raw.Length == 0) { raw.Append("\"\""); fields[0] = ""; }
            expected.Add((fields, raw.ToString()));
            text.Append(raw).Append(rng.Next(2) == 0 ? "\r\n" : "\n");
        }
        using var c = Open(text.ToString());
        var rows = All(c);
        Assert.Equal(expected.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i + 1, rows[i].Row);
            Assert.Equal(expected[i].Fields, rows[i].Fields);
            Assert.Equal(expected[i].Raw, rows[i].Raw);
        }
    }
}
