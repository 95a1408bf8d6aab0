using System.Security.Cryptography;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>
/// Content keys of units: a unit's input and output are stored under a SHA-256 of everything its result depends on,
/// so a re-executed unit writes the same bytes to the same place and a later run can tell an unchanged unit.
/// A cluster unit's key hashes its encoded input (firms, internal links, boundary and panel sums), the run-wide unit
/// context (settings, reference year, national panel) and the code version. A firm partition reads the whole
/// country's links, so its key hashes the input's fingerprint (SHA-256 of every input file), the partition and
/// partition count, the context and the code version. The aggregation's key hashes its whole input (run, output,
/// clusters, the unit output keys) and the code version.
/// </summary>
public static class UnitKeys
{
    /// <summary>A cluster unit's key, its input encoded straight into the hash (nothing kept: for an input that stays in memory).</summary>
    public static string ForCluster(string unitId, ClusterUnitInput input, byte[] context)
    {
        using var hash = new HashingStream();
        var buffered = new BufferedStream(hash, 1 << 16); // the codec writes field by field
        WorkItemInputCodec.WriteClusterItem(buffered, unitId, input);
        buffered.Flush();
        return ClusterKey(hash, context);
    }

    /// <summary>
    /// The same key from the input already encoded by <see cref="WorkItemInputCodec.EncodeCluster"/> (for an input that
    /// is also written to the work store: encoded once for both).
    /// </summary>
    public static string ForEncodedCluster(byte[] encoded, byte[] context)
    {
        using var hash = new HashingStream();
        hash.Append(encoded);
        return ClusterKey(hash, context);
    }

    private static string ClusterKey(HashingStream hash, byte[] context)
    {
        hash.Append(context);
        hash.Append(System.Text.Encoding.UTF8.GetBytes(CodeVersion.Current));
        return "c" + hash.Hex();
    }

    public static string ForPartition(string inputSha256, int partition, int partitions, byte[] context)
    {
        using var hash = new HashingStream();
        hash.Append(System.Text.Encoding.UTF8.GetBytes($"{inputSha256}\n{partition}/{partitions}\n{CodeVersion.Current}\n"));
        hash.Append(context);
        return "p" + hash.Hex();
    }

    /// <summary>The aggregation's key: its run, where and how it writes, the unit outputs it reads and the code version.</summary>
    public static string ForAggregation(AggregationWork work)
    {
        using var hash = new HashingStream();
        hash.Append(AggregationWorkCodec.Encode(work));
        hash.Append(System.Text.Encoding.UTF8.GetBytes(CodeVersion.Current));
        return "a" + hash.Hex();
    }

    /// <summary>A write-only stream that feeds SHA-256 (nothing is kept in memory).</summary>
    private sealed class HashingStream : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public void Append(ReadOnlySpan<byte> bytes) => _hash.AppendData(bytes);
        public string Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset().AsSpan(0, 20));
        public override void Write(byte[] buffer, int offset, int count) => _hash.AppendData(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _hash.AppendData(buffer);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _hash.Dispose(); base.Dispose(disposing); }
    }
}
