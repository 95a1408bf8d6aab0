using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Pipeline.Generator.Csv;

/// <summary>
/// CSV rows of one table accumulated as UTF-8 bytes (RFC 4180: fields holding a comma, quote or line break are quoted,
/// quotes doubled; LF line ends). Numbers are formatted straight into the bytes: integers with
/// <see cref="Utf8Formatter"/>, doubles with the shortest round-trip invariant form. Buffers come from the generator's own
/// pool (not the shared one, whose per-thread caches would keep many large cluster buffers alive), so the memory held is
/// what the clusters in flight need; <see cref="Dispose"/> returns them.
/// </summary>
internal sealed class CsvBuffer : IDisposable
{
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(1 << 30, 16);
    private byte[] _buf;
    private int _len;
    private bool _first = true;

    /// <summary>An empty buffer with room for about <paramref name="capacity"/> bytes.</summary>
    public CsvBuffer(int capacity = 1 << 16) => _buf = Pool.Rent(Math.Max(256, capacity));

    /// <summary>Complete rows written.</summary>
    public long Rows { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Bytes => _buf.AsSpan(0, _len);

    /// <summary>Forgets the content (keeps the memory).</summary>
    public void Clear() { _len = 0; Rows = 0; _first = true; }

    private Span<byte> Room(int bytes)
    {
        if (_len + bytes > _buf.Length)
        {
            var bigger = Pool.Rent(Math.Max(_buf.Length * 2, _len + bytes));
            _buf.AsSpan(0, _len).CopyTo(bigger);
            Pool.Return(_buf);
            _buf = bigger;
        }
        return _buf.AsSpan(_len);
    }

    private void Sep()
    {
        if (_first) { _first = false; return; }
        Room(1)[0] = (byte)',';
        _len++;
    }

    /// <summary>A text field (empty for null), quoted when needed.</summary>
    public CsvBuffer Text(string? v)
    {
        Sep();
        if (string.IsNullOrEmpty(v)) return this;
        bool quote = v.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            var dst = Room(Encoding.UTF8.GetMaxByteCount(v.Length));
            _len += Encoding.UTF8.GetBytes(v, dst);
            return this;
        }
        Room(1)[0] = (byte)'"'; _len++;
        foreach (var ch in v.AsSpan().EnumerateRunes())
        {
            var dst = Room(8);
            if (ch.Value == '"') { dst[0] = (byte)'"'; dst[1] = (byte)'"'; _len += 2; }
            else _len += ch.EncodeToUtf8(dst);
        }
        Room(1)[0] = (byte)'"'; _len++;
        return this;
    }

    /// <summary>A text field "<paramref name="prefix"/><paramref name="number"/>" without building a string (quoted when the prefix needs it).</summary>
    public CsvBuffer TextNumbered(string prefix, long number)
    {
        Sep();
        bool quote = prefix.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote && prefix.Contains('"')) throw new ArgumentException("prefix must not hold quotes", nameof(prefix));
        var dst = Room(Encoding.UTF8.GetMaxByteCount(prefix.Length) + 24);
        int k = 0;
        if (quote) dst[k++] = (byte)'"';
        k += Encoding.UTF8.GetBytes(prefix, dst[k..]);
        Utf8Formatter.TryFormat(number, dst[k..], out int n);
        k += n;
        if (quote) dst[k++] = (byte)'"';
        _len += k;
        return this;
    }

    /// <summary>An integer field.</summary>
    public CsvBuffer Int(long v)
    {
        Sep();
        Utf8Formatter.TryFormat(v, Room(24), out int n);
        _len += n;
        return this;
    }

    /// <summary>A double field in the shortest form that parses back to the same value (invariant culture).</summary>
    public CsvBuffer Num(double v)
    {
        Sep();
        v.TryFormat(Room(40), out int n, default, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    /// <summary>A boolean field (<c>true</c>/<c>false</c>).</summary>
    public CsvBuffer Bool(bool v) => Raw(v ? "true"u8 : "false"u8);

    /// <summary>A field written as given (the caller guarantees it needs no quoting).</summary>
    public CsvBuffer Raw(ReadOnlySpan<byte> utf8)
    {
        Sep();
        utf8.CopyTo(Room(utf8.Length));
        _len += utf8.Length;
        return this;
    }

    /// <summary>An empty field.</summary>
    public CsvBuffer Empty() { Sep(); return this; }

    /// <summary>Ends the row.</summary>
    public void End()
    {
        Room(1)[0] = (byte)'\n';
        _len++;
        _first = true;
        Rows++;
    }

    /// <summary>Returns the memory to the pool.</summary>
    public void Dispose()
    {
        if (_buf.Length > 0) Pool.Return(_buf);
        _buf = [];
        _len = 0;
    }
}
