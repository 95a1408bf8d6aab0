using System.Text;
using Pipeline.Grains.Input;
using Pipeline.Grains.Input.Csv;
using Xunit;

namespace Pipeline.Tests.Input;

/// <summary>
/// The pipelined cursor must answer, row by row, exactly what the plain <see cref="CsvTableCursor"/> answers for the
/// same bytes (row number, fields, raw text, defect), end at the same row, and throw the same exception after the
/// same rows; and it must stop its producer and dispose the wrapped cursor however the caller stops.
/// </summary>
public class PipelinedTableCursorTests
{
    /// <summary>Everything a caller can ask of one row.</summary>
    private sealed record RowSeen(long RowNumber, int FieldCount, string[] Fields, string Raw, string? Defect);

    /// <summary>The rows a cursor gave, and the exception that ended them, if any.</summary>
    private sealed record ReadSeen(List<RowSeen> Rows, Exception? Failure);

    private static ReadSeen ReadAll(ITableCursor cursor)
    {
        var rows = new List<RowSeen>();
        try
        {
            while (cursor.MoveNext())
            {
                var fields = new string[cursor.FieldCount + 1];
                for (int i = 0; i < fields.Length; i++) fields[i] = cursor.Field(i).ToString(); // one past the end too: empty
                rows.Add(new RowSeen(cursor.RowNumber, cursor.FieldCount, fields, cursor.RawRow(), cursor.RowDefect));
            }
            Assert.False(cursor.MoveNext()); // the end stays the end
            return new ReadSeen(rows, null);
        }
        catch (Exception e)
        {
            return new ReadSeen(rows, e);
        }
    }

    /// <summary>Reads <paramref name="bytes"/> with the plain and the pipelined cursor and asserts both saw the same.</summary>
    private static ReadSeen AssertSameRows(byte[] bytes)
    {
        ReadSeen plain, pipelined;
        using (var c = new CsvTableCursor(new MemoryStream(bytes), "t.csv"))
            plain = ReadAll(c);
        using (var c = new PipelinedTableCursor(new CsvTableCursor(new MemoryStream(bytes), "t.csv")))
        {
            Assert.Equal(new CsvTableCursor(new MemoryStream(bytes), "t.csv").Columns, c.Columns);
            Assert.Equal("t.csv", c.SourceName);
            pipelined = ReadAll(c);
        }
        AssertSame(plain, pipelined);
        return plain;
    }

    private static void AssertSame(ReadSeen plain, ReadSeen pipelined)
    {
        Assert.Equal(plain.Rows.Count, pipelined.Rows.Count);
        for (int i = 0; i < plain.Rows.Count; i++)
        {
            var (a, b) = (plain.Rows[i], pipelined.Rows[i]);
            Assert.Equal(a.RowNumber, b.RowNumber);
            Assert.Equal(a.FieldCount, b.FieldCount);
            Assert.Equal(a.Fields, b.Fields);
            Assert.Equal(a.Raw, b.Raw);
            Assert.Equal(a.Defect, b.Defect);
        }
        Assert.Equal(plain.Failure?.GetType(), pipelined.Failure?.GetType());
        Assert.Equal(plain.Failure?.Message, pipelined.Failure?.Message);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Quoted_commas_line_breaks_and_escaped_quotes()
    {
        var seen = AssertSameRows(Utf8("id,name,note\n1,\"Wenzhou, \"\"shoes\"\"\",a\n2,\"two\nlines\",\"x,\r\ny\"\n3,\"\",\"\"\"\"\n"));
        Assert.Equal(3, seen.Rows.Count);
        Assert.Null(seen.Failure);
    }

    [Fact]
    public void Ragged_rows_and_blank_lines()
    {
        var seen = AssertSameRows(Utf8("a,b,c\n\n1,2\n\n\n1,2,3,4\n  \n,,\n5,6,7"));
        Assert.Equal(5, seen.Rows.Count); // "  " is a row of one field, not a blank line
    }

    [Fact]
    public void Text_after_a_closing_quote_and_rows_inside_a_quoted_field_are_defects()
    {
        var seen = AssertSameRows(Utf8("a,b,c\n1,\"x\"y,3\n2,\"open\n4,5,6\n7\",8\n9,10,11\n"));
        Assert.Contains(seen.Rows, r => r.Defect is not null && r.Defect.Contains("closing quote"));
        Assert.Contains(seen.Rows, r => r.Defect is not null && r.Defect.Contains("commas"));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Line_ends(string end)
    {
        var seen = AssertSameRows(Utf8($"a,b{end}1,2{end}{end}3,\"x{end}y\"{end}4,5"));
        Assert.Equal(3, seen.Rows.Count);
    }

    [Fact]
    public void Byte_order_mark()
    {
        var seen = AssertSameRows([0xEF, 0xBB, 0xBF, .. Utf8("a,b\n1,2\n")]);
        Assert.Single(seen.Rows);
    }

    [Fact]
    public void Invalid_utf8_bytes_and_a_literal_mark_character()
    {
        // Rows before the first invalid byte, the bad row (raw shows \xFF), and a later valid U+FDD0 (the mark
        // character itself) whose treatment depends on what the decoder had seen: both cursors must agree.
        var bytes = new List<byte>(Utf8("a,b\n1,\uFDD0\n2,ok\n"));
        bytes.AddRange(Utf8("3,x"));
        bytes.AddRange([0xFF, 0xC3]);
        bytes.AddRange(Utf8(",\"q\"\n4,\uFDD0y\n5,z\n"));
        var seen = AssertSameRows([.. bytes]);
        Assert.Contains(seen.Rows, r => r.Raw.Contains("\\xFF"));
        Assert.Contains(seen.Rows, r => r.Defect is not null && r.Defect.Contains("invalid UTF-8"));
    }

    [Fact]
    public void Header_only_table_has_no_rows()
    {
        var seen = AssertSameRows(Utf8("a,b,c\n"));
        Assert.Empty(seen.Rows);
        Assert.Null(seen.Failure);
    }

    [Fact]
    public void Many_batches_with_some_bad_rows_and_long_fields()
    {
        var rng = new Random(7);
        var sb = new StringBuilder("id,text,n\n");
        for (int i = 0; i < 10_000; i++)
        {
            if (i % 997 == 0) { sb.Append(i).Append(",\"bad\"tail,1\n"); continue; }
            if (i % 1009 == 0) { sb.Append(i).Append(",short\n\n"); continue; }
            int len = rng.Next(10) == 0 ? rng.Next(2_000, 20_000) : rng.Next(0, 30);
            sb.Append(i).Append(",\"").Append(new string('y', len)).Append(",\"\"q\"\"\r\nz\",").Append(i % 13).Append(i % 2 == 0 ? "\n" : "\r\n");
        }
        var bytes = new List<byte>(Utf8(sb.ToString()));
        bytes.InsertRange(bytes.Count / 2, [0xFE]); // one invalid byte halfway
        var seen = AssertSameRows([.. bytes]);
        Assert.Equal(10_000, seen.Rows.Count);
        Assert.True(seen.Rows.Count > 2 * PipelinedTableCursor.RowsPerBatch);
    }

    [Fact]
    public void Rows_that_fill_a_batch_exactly()
    {
        var sb = new StringBuilder("a\n");
        for (int i = 0; i < 2 * PipelinedTableCursor.RowsPerBatch; i++) sb.Append(i).Append('\n');
        var seen = AssertSameRows(Utf8(sb.ToString()));
        Assert.Equal(2 * PipelinedTableCursor.RowsPerBatch, seen.Rows.Count);
    }

    [Fact]
    public void A_quote_that_never_closes_fails_after_the_same_rows()
    {
        var sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 5_000; i++) sb.Append(i).Append(",x\n");
        sb.Append("5000,\"never closed\n5001,y\n");
        var seen = AssertSameRows(Utf8(sb.ToString()));
        Assert.Equal(5_000, seen.Rows.Count);
        Assert.IsType<InputUnreadableException>(seen.Failure);
    }

    [Fact]
    public void A_failed_read_fails_after_the_same_rows()
    {
        var sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++) sb.Append(i).Append(",x\n");
        var bytes = Utf8(sb.ToString());
        ReadSeen plain, pipelined;
        using (var c = new CsvTableCursor(new BreakingStream(bytes, 300_000), "t.csv")) plain = ReadAll(c);
        using (var c = new PipelinedTableCursor(new CsvTableCursor(new BreakingStream(bytes, 300_000), "t.csv"))) pipelined = ReadAll(c);
        AssertSame(plain, pipelined);
        Assert.IsType<InputUnreadableException>(pipelined.Failure);
        Assert.IsType<IOException>(pipelined.Failure!.InnerException);
    }

    [Fact]
    public void Any_exception_of_the_wrapped_cursor_keeps_its_type_message_and_place()
    {
        using var c = new PipelinedTableCursor(new CountingCursor(rows: 9_000, failAfter: 6_000));
        var seen = ReadAll(c);
        Assert.Equal(6_000, seen.Rows.Count);
        Assert.Equal(6_000, seen.Rows[^1].RowNumber);
        var e = Assert.IsType<InvalidOperationException>(seen.Failure);
        Assert.Equal("broken after row 6000", e.Message);
        Assert.Contains(nameof(CountingCursor.MoveNext), e.StackTrace); // thrown with the wrapped cursor's stack
    }

    [Fact]
    public void Stopping_early_stops_the_producer_and_disposes_the_wrapped_cursor()
    {
        var inner = new CountingCursor(rows: 1_000_000, failAfter: -1);
        using (var c = new PipelinedTableCursor(inner))
        {
            Assert.True(c.MoveNext());
            Assert.Equal("1", c.Field(0).ToString());
        }
        Assert.True(inner.Disposed);
        long stoppedAt = inner.RowNumber;
        Assert.True(stoppedAt < 1_000_000);
        Thread.Sleep(50);
        Assert.Equal(stoppedAt, inner.RowNumber); // nothing reads it any more
    }

    [Fact]
    public void A_caller_that_throws_still_disposes_the_wrapped_cursor()
    {
        var inner = new CountingCursor(rows: 100_000, failAfter: -1);
        Assert.Throws<FormatException>(() =>
        {
            using var c = new PipelinedTableCursor(inner);
            while (c.MoveNext())
                if (c.RowNumber == 5_000) throw new FormatException("validator failed");
        });
        Assert.True(inner.Disposed);
    }

    [Fact]
    public void Dispose_before_reading_and_twice_is_safe()
    {
        var inner = new CountingCursor(rows: 100_000, failAfter: -1);
        var c = new PipelinedTableCursor(inner);
        c.Dispose();
        c.Dispose();
        Assert.True(inner.Disposed);
    }

    [Theory]
    [InlineData(1, new long[] { 5 }, new[] { false })]
    [InlineData(2, new long[] { 5 }, new[] { true })]
    [InlineData(2, new long[] { 2_000, 500 }, new[] { true, false })]
    [InlineData(2, new long[] { 500, 2_000 }, new[] { false, true })]
    [InlineData(3, new long[] { 500, 2_000 }, new[] { true, true })]
    [InlineData(8, new long[] { 500, 2_000 }, new[] { true, true })]
    public void Tables_are_pipelined_where_a_core_is_free(int cores, long[] sizes, bool[] expected) =>
        Assert.Equal(expected, ReadPipelining.Choose(sizes, cores));

    /// <summary>A stream that fails with an <see cref="IOException"/> once <c>failAt</c> bytes were read.</summary>
    private sealed class BreakingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        // MemoryStream's span read of a subclass comes here too (through Stream.Read).
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAt) throw new IOException("the disk went away");
            return base.Read(buffer, offset, (int)Math.Min(count, failAt - Position));
        }
    }

    /// <summary>A non-CSV cursor of rows "n,n*2" that throws after <c>failAfter</c> rows (or never, when negative).</summary>
    private sealed class CountingCursor(int rows, int failAfter) : ITableCursor
    {
        private long _row;
        private readonly char[] _text = new char[24];
        private int _first, _second;

        public volatile bool Disposed;
        public string SourceName => "counting";
        public IReadOnlyList<string> Columns { get; } = ["n", "twice"];
        public long RowNumber => Interlocked.Read(ref _row);
        public int FieldCount => 2;

        public bool MoveNext()
        {
            if (Disposed) throw new ObjectDisposedException(SourceName);
            if (_row == failAfter) throw new InvalidOperationException($"broken after row {_row}");
            if (_row == rows) return false;
            long n = Interlocked.Increment(ref _row);
            n.TryFormat(_text, out _first);
            (n * 2).TryFormat(_text.AsSpan(12), out _second);
            return true;
        }

        public ReadOnlySpan<char> Field(int column) => column switch
        {
            0 => _text.AsSpan(0, _first),
            1 => _text.AsSpan(12, _second),
            _ => default,
        };

        public string RawRow() => $"{Field(0)},{Field(1)}";

        public void Dispose() => Disposed = true;
    }
}
