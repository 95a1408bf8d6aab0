using Pipeline.Tests.Support;
using System.Text;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// Seeded mutations of a small valid data set, of every shape real exports take: truncation (at every byte of a
/// tiny file and at sampled offsets of the fixture), byte flips, inserted special bytes, encodings (BOM, UTF-16,
/// Latin-1, overlong and cut UTF-8), line ends, quoting, header changes (extra, missing, repeated, reordered, renamed
/// columns), ragged rows, extreme and malformed numbers, repeated rows and odd folders. The same seed gives the same
/// cases in the same order.
/// </summary>
public static class MutationCatalog
{
    public static readonly string[] Tables = ["clusters.csv", "firms.csv", "links.csv", "firm_years.csv"];

    /// <summary>Numeric columns per table, for the number mutations.</summary>
    private static readonly (string Table, string Column)[] NumberColumns =
    [
        ("firms.csv", "firm_id"), ("firms.csv", "employees"), ("firms.csv", "revenue"), ("firms.csv", "export_revenue"),
        ("firms.csv", "founded_year"), ("links.csv", "src_firm_id"), ("links.csv", "weight"), ("links.csv", "year"),
        ("firm_years.csv", "employees"), ("firm_years.csv", "revenue"), ("firm_years.csv", "year"),
    ];

    /// <summary>Extreme and malformed numbers, each of which must be kept, or quarantined with a reason.</summary>
    public static readonly string[] Numbers =
    [
        "1.7e308", "-1.7e308", "1e309", "1.7976931348623157e308", "NaN", "Infinity", "-Infinity", "∞", "-0", "0",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e15", "1.0000001e15", "99999999",
        "100000001", "4.9e-324", "1e-320", "0x10", "1_000", " 5 ", "+5", "5.", ".5", "1e3", "١٢٣", "１２", "e", "--1",
        "1.5.2", "12abc", "", "007", "2147483648",
    ];

    public static FuzzInput Base() => Load(Repo.Path("tests", "fixtures", "e2e", "input"), int.MaxValue);

    /// <summary>The base data set cut to its first <paramref name="lines"/> lines per file (for truncation at every byte).</summary>
    public static FuzzInput Tiny(int lines) => Load(Repo.Path("tests", "fixtures", "e2e", "input"), lines);

    private static FuzzInput Load(string folder, int lines)
    {
        var input = new FuzzInput();
        foreach (var t in Tables)
        {
            var text = File.ReadAllText(Path.Combine(folder, t));
            if (lines < int.MaxValue) text = string.Join('\n', text.Split('\n').Take(lines)) + "\n";
            input.Files[t] = Encoding.UTF8.GetBytes(text);
        }
        return input;
    }

    public static IEnumerable<FuzzCase> All(int seed)
    {
        var rng = new Random(seed);
        var b = Base();
        return Truncations(Tiny(6), b, rng)
            .Concat(ByteFlips(b, rng, 120))
            .Concat(SpecialBytes(b, rng, 160))
            .Concat(Encodings(b))
            .Concat(LineEnds(b))
            .Concat(Quoting(b, rng))
            .Concat(Headers(b))
            .Concat(Ragged(b, rng))
            .Concat(NumberCases(b, rng))
            .Concat(Repeats(b, rng))
            .Concat(OddFolders(b));
    }

    /// <summary>Every byte of each file of the tiny set, and 25 sampled offsets of each fixture file.</summary>
    public static IEnumerable<FuzzCase> Truncations(FuzzInput tiny, FuzzInput full, Random rng)
    {
        foreach (var t in Tables)
            for (int n = 0; n < tiny.Files[t].Length; n++)
                yield return new("truncate", $"tiny {t} at byte {n}", tiny.With(t, tiny.Files[t][..n]));
        foreach (var t in Tables)
            for (int k = 0; k < 25; k++)
            {
                int n = rng.Next(full.Files[t].Length);
                yield return new("truncate", $"{t} at byte {n}", full.With(t, full.Files[t][..n]));
            }
    }

    public static IEnumerable<FuzzCase> ByteFlips(FuzzInput b, Random rng, int count)
    {
        for (int k = 0; k < count; k++)
        {
            var t = Tables[rng.Next(Tables.Length)];
            var bytes = (byte[])b.Files[t].Clone();
            int flips = 1 + rng.Next(3);
            var where = new List<string>();
            for (int f = 0; f < flips; f++)
            {
                int at = rng.Next(bytes.Length);
                bytes[at] = (byte)rng.Next(256);
                where.Add($"{at}=0x{bytes[at]:X2}");
            }
            yield return new("byte flip", $"{t} {string.Join(' ', where)}", b.With(t, bytes));
        }
    }

    private static readonly byte[][] Specials =
    [
        "\""u8.ToArray(), ","u8.ToArray(), "\n"u8.ToArray(), "\r"u8.ToArray(), "\r\n"u8.ToArray(), [0], [0xFF], [0xC3], [0xE4, 0xB8],
        [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xEF, 0xBB, 0xBF], "\"\""u8.ToArray(), "\t"u8.ToArray(), " "u8.ToArray(),
    ];

    public static IEnumerable<FuzzCase> SpecialBytes(FuzzInput b, Random rng, int count)
    {
        for (int k = 0; k < count; k++)
        {
            var t = Tables[rng.Next(Tables.Length)];
            var file = b.Files[t];
            var insert = Specials[k % Specials.Length];
            int at = rng.Next(file.Length + 1);
            yield return new("insert", $"{t} {Convert.ToHexString(insert)} at {at}", b.With(t, [.. file[..at], .. insert, .. file[at..]]));
        }
    }

    public static IEnumerable<FuzzCase> Encodings(FuzzInput b)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var all = b.Clone();
        foreach (var t in Tables) all.Files[t] = [.. bom, .. b.Files[t]];
        yield return new("encoding", "UTF-8 BOM on every file", all, SameData: true);
        foreach (var t in Tables)
        {
            var text = Encoding.UTF8.GetString(b.Files[t]);
            yield return new("encoding", $"{t} double BOM", b.With(t, [.. bom, .. bom, .. b.Files[t]]));
            yield return new("encoding", $"{t} UTF-16 LE with BOM", b.With(t, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]));
            yield return new("encoding", $"{t} UTF-16 BE without BOM", b.With(t, Encoding.BigEndianUnicode.GetBytes(text)));
        }
        // A Latin-1 name, a cut multi-byte character, an overlong '/', an encoded surrogate, in firms.csv names.
        var firms = new CsvRecords(b.Files["firms.csv"]);
        byte[][] invalid = [[(byte)'Z', 0xFC, (byte)'r', (byte)'i'], [0xE4, 0xB8], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];
        foreach (var bytes in invalid)
            foreach (var column in new[] { "name", "firm_id", "cluster_id" })
                yield return new("encoding", $"firms.csv {column} of row 3 holds {Convert.ToHexString(bytes)}",
                    b.With("firms.csv", ReplaceField(firms, 2, column, bytes))) { Flagged = [("firms", 3)] };
        // Two ids that differ only in invalid bytes must not collapse into one.
        var rest = Encoding.UTF8.GetBytes("," + string.Join(',', firms.Rows[0][1..]) + "\n");
        byte[] twins = [.. b.Files["firms.csv"], (byte)'9', (byte)'0', 0xFE, .. rest, (byte)'9', (byte)'0', 0xFF, .. rest];
        yield return new("encoding", "firms.csv ids 90\\xFE and 90\\xFF", b.With("firms.csv", twins)) { Flagged = [("firms", firms.Rows.Count + 1), ("firms", firms.Rows.Count + 2)] };
    }

    private static string Table(string file) => Path.GetFileNameWithoutExtension(file);

    private static byte[] ReplaceField(CsvRecords records, int row, string column, byte[] value)
    {
        var copy = records.Copy();
        var marker = "\u0001MARK\u0001";
        copy.Rows[row][copy.Column(column)] = marker;
        var text = copy.ToBytes();
        var markerBytes = Encoding.UTF8.GetBytes(marker);
        int at = text.AsSpan().IndexOf(markerBytes);
        return [.. text[..at], .. value, .. text[(at + markerBytes.Length)..]];
    }

    public static IEnumerable<FuzzCase> LineEnds(FuzzInput b)
    {
        foreach (var (name, end) in new[] { ("CRLF", "\r\n"), ("CR", "\r") })
        {
            var all = b.Clone();
            foreach (var t in Tables) all.Files[t] = new CsvRecords(b.Files[t]).ToBytes(end);
            yield return new("line ends", $"{name} on every file", all, SameData: true);
        }
        foreach (var t in Tables)
        {
            yield return new("line ends", $"{t} without the last line end", b.With(t, b.Files[t][..^1]), SameData: true);
            yield return new("line ends", $"{t} blank lines between rows", b.With(t, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(b.Files[t]).Replace("\n", "\n\n\r\n"))), SameData: true);
            yield return new("line ends", $"{t} mixed CR, LF and CRLF", b.With(t, Mixed(b.Files[t])), SameData: true);
            yield return new("line ends", $"{t} a line of spaces", b.With(t, [.. b.Files[t], .. "   \n"u8.ToArray()]));
        }
    }

    private static byte[] Mixed(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file).Split('\n');
        var sb = new StringBuilder();
        string[] ends = ["\n", "\r\n", "\r"];
        for (int i = 0; i < text.Length; i++) sb.Append(text[i]).Append(i < text.Length - 1 ? ends[i % 3] : "");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static IEnumerable<FuzzCase> Quoting(FuzzInput b, Random rng)
    {
        var all = b.Clone();
        foreach (var t in Tables) all.Files[t] = new CsvRecords(b.Files[t]).ToBytes(field: f => "\"" + f + "\"");
        yield return new("quoting", "every field quoted", all, SameData: true);
        foreach (var t in Tables)
        {
            var records = new CsvRecords(b.Files[t]);
            for (int k = 0; k < 6; k++)
            {
                int row = rng.Next(records.Rows.Count), col = rng.Next(records.Header.Length);
                var open = records.Copy();
                open.Rows[row][col] = "\"" + open.Rows[row][col];
                yield return new("quoting", $"{t} quote opened at row {row + 1} column {col + 1}", b.With(t, open.ToBytes())) { Flagged = [(Table(t), row + 1)] };
                var after = records.Copy();
                after.Rows[row][col] = "\"" + after.Rows[row][col] + "\"x";
                yield return new("quoting", $"{t} text after the closing quote at row {row + 1}", b.With(t, after.ToBytes())) { Flagged = [(Table(t), row + 1)] };
                var pair = records.Copy();
                int later = Math.Min(pair.Rows.Count - 1, row + 1 + rng.Next(20));
                pair.Rows[row][col] = "\"" + pair.Rows[row][col];
                pair.Rows[later][col] += "\"";
                yield return new("quoting", $"{t} stray quotes in column {col + 1} rows {row + 1} and {later + 1}", b.With(t, pair.ToBytes())) { Flagged = [(Table(t), row + 1)] };
                var inner = records.Copy();
                inner.Rows[row][col] = "\"a,\"\"b\"\"\nc\"";
                yield return new("quoting", $"{t} quoted comma, quote and line break at row {row + 1} column {col + 1}", b.With(t, inner.ToBytes()), QuotedLineBreaks: 1);
            }
        }
    }

    public static IEnumerable<FuzzCase> Headers(FuzzInput b)
    {
        foreach (var t in Tables)
        {
            var r = new CsvRecords(b.Files[t]);
            int n = r.Header.Length;
            var extra = r.Copy();
            for (int i = 0; i < extra.Rows.Count; i++) extra.Rows[i] = [.. extra.Rows[i], "x" + i];
            yield return new("columns", $"{t} extra column", b.With(t, WithHeader(extra, [.. r.Header, "notes"])), SameData: true);
            yield return new("columns", $"{t} reordered columns", b.With(t, Permuted(r, [.. Enumerable.Range(0, n).Reverse()])), SameData: true);
            for (int c = 0; c < n; c++)
            {
                yield return new("columns", $"{t} column {r.Header[c]} dropped", b.With(t, Permuted(r, [.. Enumerable.Range(0, n).Where(i => i != c)])));
                yield return new("columns", $"{t} column {r.Header[c]} repeated", b.With(t, Permuted(r, [.. Enumerable.Range(0, n), c]))) { MustRefuse = true };
                var renamed = (string[])r.Header.Clone();
                renamed[c] = renamed[c].ToUpperInvariant();
                yield return new("columns", $"{t} column {r.Header[c]} in capitals", b.With(t, WithHeader(r, renamed)));
                var spaced = (string[])r.Header.Clone();
                spaced[c] = " " + spaced[c] + " ";
                yield return new("columns", $"{t} column {r.Header[c]} with spaces", b.With(t, WithHeader(r, spaced)), SameData: true);
            }
            yield return new("columns", $"{t} header only", b.With(t, Encoding.UTF8.GetBytes(string.Join(',', r.Header) + "\n")));
            yield return new("columns", $"{t} empty file", b.With(t, []));
            yield return new("columns", $"{t} trailing empty column names", b.With(t, WithHeader(r, [.. r.Header, "", ""])));
            yield return new("columns", $"{t} header of 100,000 columns", b.With(t, Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 100_000).Select(i => "column_" + i)) + "\n1\n"))) { MustRefuse = true };
        }
    }

    private static byte[] WithHeader(CsvRecords r, string[] header)
    {
        var text = r.ToBytes();
        int eol = Array.IndexOf(text, (byte)'\n');
        return [.. Encoding.UTF8.GetBytes(string.Join(',', header)), .. text[eol..]];
    }

    private static byte[] Permuted(CsvRecords r, int[] order)
    {
        var p = r.Copy();
        for (int i = 0; i < p.Rows.Count; i++) p.Rows[i] = [.. order.Select(c => r.Rows[i][c])];
        return WithHeader(p, [.. order.Select(c => r.Header[c])]);
    }

    public static IEnumerable<FuzzCase> Ragged(FuzzInput b, Random rng)
    {
        foreach (var t in Tables)
        {
            var records = new CsvRecords(b.Files[t]);
            for (int k = 0; k < 5; k++)
            {
                int row = rng.Next(records.Rows.Count), col = rng.Next(records.Header.Length);
                var fewer = records.Copy();
                fewer.Rows[row] = [.. fewer.Rows[row].Where((_, i) => i != col)];
                yield return new("ragged", $"{t} row {row + 1} without field {col + 1}", b.With(t, fewer.ToBytes())) { Flagged = [(Table(t), row + 1)] };
                var more = records.Copy();
                more.Rows[row] = [.. more.Rows[row].Take(col), "2", "5", .. more.Rows[row].Skip(col + 1)];
                yield return new("ragged", $"{t} row {row + 1} decimal comma in field {col + 1}", b.With(t, more.ToBytes())) { Flagged = [(Table(t), row + 1)] };
                var cut = records.Copy();
                cut.Rows[row] = [.. cut.Rows[row].Take(1 + rng.Next(Math.Max(1, cut.Header.Length - 1)))];
                yield return new("ragged", $"{t} row {row + 1} cut short", b.With(t, cut.ToBytes())) { Flagged = [(Table(t), row + 1)] };
            }
        }
    }

    public static IEnumerable<FuzzCase> NumberCases(FuzzInput b, Random rng)
    {
        foreach (var (t, column) in NumberColumns)
        {
            var records = new CsvRecords(b.Files[t]);
            int c = records.Column(column);
            foreach (var value in Numbers)
            {
                var one = records.Copy();
                int row = rng.Next(one.Rows.Count);
                one.Rows[row][c] = value;
                yield return new("number", $"{t} {column} = '{value}' at row {row + 1}", b.With(t, one.ToBytes()));
            }
        }
        // The largest accepted values everywhere: sums must stay finite and exact in range.
        var links = new CsvRecords(b.Files["links.csv"]);
        var heavy = links.Copy();
        foreach (var r in heavy.Rows) r[heavy.Column("weight")] = "1e15";
        yield return new("number", "links.csv every weight 1e15", b.With("links.csv", heavy.ToBytes()));
        var tiny = links.Copy();
        foreach (var r in tiny.Rows) r[tiny.Column("weight")] = "4.9e-324";
        yield return new("number", "links.csv every weight 4.9e-324", b.With("links.csv", tiny.ToBytes()));
        var firms = new CsvRecords(b.Files["firms.csv"]);
        var big = firms.Copy();
        foreach (var r in big.Rows) { r[big.Column("employees")] = "100000000"; r[big.Column("revenue")] = "1e15"; r[big.Column("export_revenue")] = "1e15"; }
        yield return new("number", "firms.csv every employees 1e8, revenue and export 1e15", b.With("firms.csv", big.ToBytes()));
        var zero = firms.Copy();
        foreach (var r in zero.Rows) { r[zero.Column("employees")] = "0"; r[zero.Column("revenue")] = "0"; r[zero.Column("export_revenue")] = "0"; }
        yield return new("number", "firms.csv every employees and revenue 0", b.With("firms.csv", zero.ToBytes()));
        var huge = links.Copy();
        foreach (var r in huge.Rows) r[huge.Column("weight")] = "1e308";
        yield return new("number", "links.csv every weight 1e308", b.With("links.csv", huge.ToBytes()));
        var rich = firms.Copy();
        foreach (var r in rich.Rows) { r[rich.Column("revenue")] = "1.7e308"; r[rich.Column("employees")] = "4611686018427387904"; }
        yield return new("number", "firms.csv every revenue 1.7e308, employees 2^62", b.With("firms.csv", rich.ToBytes()));
        var mixed = links.Copy();
        for (int i = 0; i < mixed.Rows.Count; i++) mixed.Rows[i][mixed.Column("weight")] = i % 2 == 0 ? "1e15" : "1e-300";
        yield return new("number", "links.csv weights alternate 1e15 and 1e-300", b.With("links.csv", mixed.ToBytes()));
    }

    public static IEnumerable<FuzzCase> Repeats(FuzzInput b, Random rng)
    {
        foreach (var t in Tables)
        {
            var records = new CsvRecords(b.Files[t]);
            var twice = records.Copy();
            twice.Rows.AddRange(records.Copy().Rows);
            yield return new("repeats", $"{t} every row twice", b.With(t, twice.ToBytes()));
            var some = records.Copy();
            for (int k = 0; k < 5; k++) some.Rows.Insert(rng.Next(some.Rows.Count), (string[])records.Rows[rng.Next(records.Rows.Count)].Clone());
            yield return new("repeats", $"{t} five repeated rows", b.With(t, some.ToBytes()));
        }
    }

    public static IEnumerable<FuzzCase> OddFolders(FuzzInput b)
    {
        yield return new("folders", "lost+found mode 000 with a subfolder", b.Arranged(
            d => { var l = Directory.CreateDirectory(Path.Combine(d, "lost+found", "inner")).Parent!.FullName; File.SetUnixFileMode(l, UnixFileMode.None); },
            d => File.SetUnixFileMode(Path.Combine(d, "lost+found"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)), SameData: true);
        yield return new("folders", "unrelated nested folders and files", b.Arranged(d =>
        {
            Directory.CreateDirectory(Path.Combine(d, "archive", "2019", "deep"));
            File.WriteAllText(Path.Combine(d, "archive", "2019", "deep", "firms.csv"), "garbage\"\n");
            File.WriteAllText(Path.Combine(d, ".DS_Store"), "\0\0\0");
            File.WriteAllText(Path.Combine(d, "README.txt"), "notes");
        }), SameData: true);
        yield return new("folders", "a symlink loop beside the tables", b.Arranged(d => File.CreateSymbolicLink(Path.Combine(d, "loop"), d)), SameData: true);
        yield return new("folders", "a dangling symlink beside the tables", b.Arranged(d => File.CreateSymbolicLink(Path.Combine(d, "gone"), Path.Combine(d, "nowhere"))), SameData: true);
        yield return new("folders", "links/ folder without Parquet parts beside links.csv", b.Arranged(d =>
        {
            Directory.CreateDirectory(Path.Combine(d, "links"));
            File.WriteAllText(Path.Combine(d, "links", "_SUCCESS"), "");
        }), SameData: true);
        yield return new("folders", "a folder named firms.csv", b.Without("firms.csv").Arranged(d => Directory.CreateDirectory(Path.Combine(d, "firms.csv"))));
        yield return new("folders", "firms.csv as a symlink to the real file", b.Without("firms.csv").Arranged(d =>
        {
            File.WriteAllBytes(Path.Combine(d, "real-firms.data"), b.Files["firms.csv"]);
            File.CreateSymbolicLink(Path.Combine(d, "firms.csv"), Path.Combine(d, "real-firms.data"));
        }), SameData: true);
        yield return new("folders", "firm_years.csv mode 000", b.Arranged(
            d => File.SetUnixFileMode(Path.Combine(d, "firm_years.csv"), UnixFileMode.None),
            d => File.SetUnixFileMode(Path.Combine(d, "firm_years.csv"), UnixFileMode.UserRead | UnixFileMode.UserWrite)));
        yield return new("folders", "links.csv is a folder of text files", b.Without("links.csv").Arranged(d =>
        {
            Directory.CreateDirectory(Path.Combine(d, "links.csv"));
            File.WriteAllText(Path.Combine(d, "links.csv", "part.csv"), "x");
        }));
        foreach (var t in Tables) yield return new("folders", $"{t} missing", b.Without(t));
    }
}
