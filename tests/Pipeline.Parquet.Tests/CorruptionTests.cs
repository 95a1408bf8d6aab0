using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>Truncated, bit-flipped and non-Parquet input raises <see cref="ParquetFormatException"/> naming the file — never another exception or a hang.</summary>
public class CorruptionTests
{
    private static byte[] SampleFile(ParquetCodec codec)
    {
        var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, TestRows.Schema, new ParquetWriterOptions { Codec = codec, RowGroupMaxRows = 150, PageMaxBytes = 512 }, leaveOpen: true))
            foreach (var r in TestRows.Make(400, 3)) TestRows.WriteRow(w, r);
        return ms.ToArray();
    }

    /// <summary>Opens and reads every column of every row group; returns the exception if one was thrown.</summary>
    private static Exception? ReadAll(byte[] bytes, string name)
    {
        try
        {
            using var reader = new ParquetFileReader(new MemoryStream(bytes), name);
            // Row groups decoded with columns in parallel (the same chunk reader as ReadColumn), so a failure on a
            // pool thread must surface as the same single exception.
            for (int g = 0; g < reader.RowGroupCount; g++)
                foreach (var data in reader.ReadRowGroup(g, maxDegreeOfParallelism: 2))
                    for (int r = 0; r < data.Count; r++) data.GetValue(r);
            return null;
        }
        catch (Exception e) { return e; }
    }

    [Theory]
    [InlineData(ParquetCodec.Uncompressed)]
    [InlineData(ParquetCodec.Snappy)]
    [InlineData(ParquetCodec.Gzip)]
    [InlineData(ParquetCodec.Zstd)]
    public void Truncation_at_any_offset_is_a_format_error(ParquetCodec codec)
    {
        var file = SampleFile(codec);
        Assert.Null(ReadAll(file, "whole.parquet"));
        for (int cut = 0; cut < file.Length; cut += Math.Max(1, file.Length / 300))
        {
            var e = ReadAll(file[..cut], "cut.parquet");
            var pe = Assert.IsType<ParquetFormatException>(e);
            Assert.Contains("cut.parquet", pe.Message);
        }
    }

    [Theory]
    [InlineData(ParquetCodec.Uncompressed)]
    [InlineData(ParquetCodec.Snappy)]
    [InlineData(ParquetCodec.Gzip)]
    [InlineData(ParquetCodec.Zstd)]
    public void Flipped_bytes_give_a_format_error_or_a_readable_file(ParquetCodec codec)
    {
        var file = SampleFile(codec);
        var rng = new Random(7);
        int errors = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            var copy = (byte[])file.Clone();
            int at = trial < 600 ? copy.Length - 1 - rng.Next(Math.Min(copy.Length, 2000)) : rng.Next(copy.Length);
            copy[at] ^= (byte)(1 << rng.Next(8));
            if (trial % 3 == 0) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            var e = ReadAll(copy, "flipped.parquet");
            if (e is null) continue;   // flips inside values change values, which Parquet (without CRCs) cannot detect
            errors++;
            if (e is not ParquetFormatException) Assert.Fail($"byte {at}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            Assert.Contains("flipped.parquet", e.Message);
        }
        Assert.True(errors > 50, $"only {errors} of 1500 corruptions were detected");
    }

    [Fact]
    public void Non_parquet_input_is_refused_with_the_file_named()
    {
        foreach (var bytes in new[] { Array.Empty<byte>(), "PAR1"u8.ToArray(), "id,name\n1,a\n2,b\n3,c\n"u8.ToArray(), "PAR1\0\0\0\0\xff\xff\xff\x7fPAR1"u8.ToArray() })
        {
            var e = Assert.IsType<ParquetFormatException>(ReadAll(bytes, "table.csv"));
            Assert.Contains("table.csv", e.Message);
        }
    }
}
