using System.Globalization;
using System.Text;

namespace Pipeline.Generator.Csv;

/// <summary>A buffered UTF-8 CSV writer (RFC 4180 quoting, LF line ends, invariant number formats) for one table.</summary>
internal sealed class CsvFile : IDisposable
{
    private readonly StreamWriter _w;
    private bool _first = true;

    public CsvFile(string path, params string[] header)
    {
        _w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        foreach (var h in header) Text(h);
        End();
    }

    public long Rows { get; private set; } = -1;

    private void Sep() { if (!_first) _w.Write(','); _first = false; }

    public CsvFile Text(string? v)
    {
        Sep();
        if (string.IsNullOrEmpty(v)) return this;
        if (v.AsSpan().IndexOfAny(",\"\r\n") < 0) { _w.Write(v); return this; }
        _w.Write('"'); _w.Write(v.Replace("\"", "\"\"")); _w.Write('"');
        return this;
    }

    public CsvFile Int(long v) { Sep(); Span<char> b = stackalloc char[24]; v.TryFormat(b, out int n, default, CultureInfo.InvariantCulture); _w.Write(b[..n]); return this; }
    public CsvFile Num(double v) { Sep(); Span<char> b = stackalloc char[32]; v.TryFormat(b, out int n, "R", CultureInfo.InvariantCulture); _w.Write(b[..n]); return this; }
    public CsvFile Empty() { Sep(); return this; }

    public void End() { _w.Write('\n'); _first = true; Rows++; }

    public void Dispose() => _w.Dispose();
}
