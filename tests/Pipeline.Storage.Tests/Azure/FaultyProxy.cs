using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.Storage.Tests.Azure;

/// <summary>What the proxy does to one request.</summary>
internal enum Fault
{
    /// <summary>Forward request and response unchanged.</summary>
    None,

    /// <summary>Forward the request (Azurite applies it), then close the client connection without the response.</summary>
    DropResponse,

    /// <summary>Forward the request, send the response head and the first 1 MiB of its body, then close the connection.</summary>
    CutBody,

    /// <summary>Forward the request, send only the first 5 bytes of the response head, then close the connection.</summary>
    CutHead,

    /// <summary>Answer nothing (and never forward): the client's per-request timeout must fire.</summary>
    Stall,

    /// <summary>Answer 503 Server Busy without forwarding.</summary>
    ServerBusy,
}

/// <summary>
/// A small HTTP/1.1 proxy in front of Azurite that injects faults into chosen requests, to test what only
/// a real network does: responses lost after the service applied a request, bodies broken mid-download,
/// stalls and throttling. <c>rule</c> sees each request line ("PUT /devstoreaccount1/c/b?comp=blocklist HTTP/1.1").
/// </summary>
internal sealed class FaultyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly Func<string, Fault> _rule;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _faults;

    public FaultyProxy(int upstreamPort, Func<string, Fault> rule)
    {
        _upstreamPort = upstreamPort;
        _rule = rule;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Faults injected so far.</summary>
    public int Faults => Volatile.Read(ref _faults);

    /// <summary>A rule that applies <paramref name="fault"/> to the first <paramref name="times"/> requests matching <paramref name="match"/>.</summary>
    public static Func<string, Fault> FirstMatching(Func<string, bool> match, Fault fault, int times = 1)
    {
        int left = times;
        return line => match(line) && Interlocked.Decrement(ref left) >= 0 ? fault : Fault.None;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            var fromClient = new HttpReader(client.GetStream());
            var fromUpstream = new HttpReader(upstream.GetStream());
            while (true)
            {
                var request = await fromClient.ReadMessageAsync(isResponse: false, requestMethod: null, _stop.Token);
                if (request is null) return;
                var fault = _rule(request.StartLine);
                if (fault != Fault.None) Interlocked.Increment(ref _faults);
                if (fault == Fault.Stall) { await Task.Delay(TimeSpan.FromSeconds(60), _stop.Token); return; }
                if (fault == Fault.ServerBusy)
                {
                    await client.GetStream().WriteAsync("HTTP/1.1 503 Server Busy\r\nContent-Length: 0\r\nRetry-After: 0\r\nx-ms-error-code: ServerBusy\r\n\r\n"u8.ToArray(), _stop.Token);
                    continue;
                }
                await upstream.GetStream().WriteAsync(request.Bytes, _stop.Token);
                var method = request.StartLine[..request.StartLine.IndexOf(' ')];
                var response = await fromUpstream.ReadMessageAsync(isResponse: true, method, _stop.Token);
                if (response is null || fault == Fault.DropResponse) return;
                if (fault == Fault.CutHead)
                {
                    await client.GetStream().WriteAsync(response.Bytes.AsMemory(0, 5), _stop.Token);
                    return;
                }
                if (fault == Fault.CutBody)
                {
                    int keep = Math.Min(response.Bytes.Length, response.HeadLength + (1 << 20));
                    await client.GetStream().WriteAsync(response.Bytes.AsMemory(0, keep), _stop.Token);
                    return;
                }
                await client.GetStream().WriteAsync(response.Bytes, _stop.Token);
            }
        }
        catch (Exception)
        {
            // A closed connection on either side ends this proxied connection.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
    }

    /// <summary>One HTTP message: its raw bytes (head + framed body) and start line.</summary>
    private sealed record Message(string StartLine, byte[] Bytes, int HeadLength);

    /// <summary>Reads whole HTTP/1.1 messages (Content-Length, chunked, or read-to-close bodies) from a stream.</summary>
    private sealed class HttpReader(Stream stream)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start, _end;

        public async Task<Message?> ReadMessageAsync(bool isResponse, string? requestMethod, CancellationToken ct)
        {
            var raw = new MemoryStream();
            int headEnd;
            while ((headEnd = IndexOf("\r\n\r\n"u8)) < 0)
                if (!await FillAsync(ct)) return null;
            var head = Encoding.ASCII.GetString(_buffer, _start, headEnd + 4 - _start);
            raw.Write(_buffer, _start, headEnd + 4 - _start);
            _start = headEnd + 4;

            var lines = head.Split("\r\n");
            var startLine = lines[0];
            long contentLength = -1;
            bool chunked = false;
            foreach (var line in lines.Skip(1))
            {
                int colon = line.IndexOf(':');
                if (colon <= 0) continue;
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) contentLength = long.Parse(value);
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
            }
            int headLength = (int)raw.Length;
            bool noBody = isResponse && (requestMethod == "HEAD" || startLine.Split(' ')[1] is "204" or "304" || startLine.Split(' ')[1].StartsWith('1'));
            if (noBody) { }
            else if (chunked)
            {
                while (true)
                {
                    var sizeLine = await ReadLineAsync(raw, ct);
                    int size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                    if (size == 0) { while ((await ReadLineAsync(raw, ct)).Length > 0) { } break; }
                    await CopyAsync(raw, size + 2, ct);
                }
            }
            else if (contentLength >= 0) await CopyAsync(raw, contentLength, ct);
            else if (isResponse) { while (true) { if (_start == _end && !await FillAsync(ct)) break; raw.Write(_buffer, _start, _end - _start); _start = _end; } }
            return new Message(startLine, raw.ToArray(), headLength);
        }

        private async Task<string> ReadLineAsync(MemoryStream raw, CancellationToken ct)
        {
            int end;
            while ((end = IndexOf("\r\n"u8)) < 0)
                if (!await FillAsync(ct)) throw new IOException("connection closed inside a chunked body");
            var line = Encoding.ASCII.GetString(_buffer, _start, end - _start);
            raw.Write(_buffer, _start, end + 2 - _start);
            _start = end + 2;
            return line;
        }

        private async Task CopyAsync(MemoryStream raw, long count, CancellationToken ct)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync(ct)) throw new IOException("connection closed inside a body");
                int n = (int)Math.Min(count, _end - _start);
                raw.Write(_buffer, _start, n);
                _start += n;
                count -= n;
            }
        }

        private int IndexOf(ReadOnlySpan<byte> pattern)
        {
            int i = _buffer.AsSpan(_start, _end - _start).IndexOf(pattern);
            return i < 0 ? -1 : _start + i;
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int n = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
            _end += n;
            return n > 0;
        }
    }
}
