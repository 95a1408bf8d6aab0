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
}
