using System.Security.Cryptography;

namespace Pipeline.Storage.Tests.Azure;

/// <summary>Deterministic pseudo-random content and helpers to compare stored objects with it.</summary>
internal static class TestData
{
    public static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static async Task<byte[]> ReadAllAsync(IObjectStore store, string name)
    {
        await using var s = await store.OpenReadAsync(name);
        var ms = new MemoryStream();
        await s.CopyToAsync(ms);
        return ms.ToArray();
    }

    public static async Task<string> Sha256Async(IObjectStore store, string name)
    {
        await using var s = await store.OpenReadAsync(name);
        return Convert.ToHexString(await SHA256.HashDataAsync(s));
    }

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data));
}

/// <summary>A seekable stream over a byte array that runs an action once, when reading first passes a position.</summary>
internal sealed class TriggerStream(byte[] data, long triggerAt, Action onTrigger) : MemoryStream(data, writable: false)
{
    private bool _fired;

    public override int Read(byte[] buffer, int offset, int count) => Check(base.Read(buffer, offset, count));
    public override int Read(Span<byte> buffer) => Check(base.Read(buffer));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Check(await base.ReadAsync(buffer, ct));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Check(int n)
    {
        if (!_fired && Position >= triggerAt) { _fired = true; onTrigger(); }
        return n;
    }
}

/// <summary>A forward-only view of a stream (CanSeek false), as a network or pipe source would be.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
