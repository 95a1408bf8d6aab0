using Parquet;
using Pipeline.Grains.Input;
using Pipeline.Grains.Input.Parquet;
using Xunit;

namespace Pipeline.Tests.Parquet;

/// <summary>
/// A truncated, bit-flipped or non-Parquet input file read through the input cursor (Parquet.Net underneath) stops
/// with <see cref="InputUnreadableException"/> naming the file — never another exception, a crash or a hang.
/// </summary>
public class CorruptionTests
{
    public static TheoryData<CompressionMethod> Codecs => [CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Zstd];

    private static byte[] SampleFile(CompressionMethod codec)
    {
        using var folder = new Support.TempFolder();
        return File.ReadAllBytes(InteropTable.Write(folder.Path, InteropTable.Rows(400, 3), codec, 150));
    }

    /// <summary>Reads every field of every row through the cursor; returns the exception if one was thrown.</summary>
    private static Exception? ReadAll(byte[] bytes, string name)
    {
        try
        {
            using var cursor = new ParquetTableCursor("interop", [new ParquetPart(name, () => new MemoryStream(bytes))], name);
            while (cursor.MoveNext())
                for (int c = 0; c < cursor.FieldCount; c++) _ = cursor.Field(c).Length;
            return null;
        }
        catch (Exception e) { return e; }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Truncation_at_any_offset_is_one_message_naming_the_file(CompressionMethod codec)
    {
        var file = SampleFile(codec);
        Assert.Null(ReadAll(file, "whole.parquet"));
        for (int cut = 0; cut < file.Length; cut += Math.Max(1, file.Length / 300))
        {
            var e = Assert.IsType<InputUnreadableException>(ReadAll(file[..cut], "cut.parquet"));
            Assert.StartsWith("cut.parquet: ", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Flipped_bytes_give_one_message_naming_the_file_or_a_readable_file(CompressionMethod codec)
    {
        var file = SampleFile(codec);
        var rng = new Random(7);
        int errors = 0;
        for (int trial = 0; trial < 600; trial++)
        {
            var copy = (byte[])file.Clone();
            int at = trial < 250 ? copy.Length - 1 - rng.Next(Math.Min(copy.Length, 2000)) : rng.Next(copy.Length);
            copy[at] ^= (byte)(1 << rng.Next(8));
            if (trial % 3 == 0) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            var e = ReadAll(copy, "flipped.parquet");
            if (e is null) continue;   // flips inside values change values, which Parquet (without CRCs) cannot detect
            errors++;
            if (e is not InputUnreadableException) Assert.Fail($"byte {at}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            Assert.StartsWith("flipped.parquet: ", e.Message);
        }
        Assert.True(errors > 20, $"only {errors} of 600 corruptions were detected");
    }

    [Fact]
    public void Non_parquet_input_is_refused_with_the_file_named()
    {
        foreach (var bytes in new[] { Array.Empty<byte>(), "PAR1"u8.ToArray(), "id,name\n1,a\n2,b\n3,c\n"u8.ToArray(), "PAR1\0\0\0\0\xff\xff\xff\x7fPAR1"u8.ToArray() })
        {
            var e = Assert.IsType<InputUnreadableException>(ReadAll(bytes, "table.csv"));
            Assert.StartsWith("table.csv: ", e.Message);
        }
    }
}
