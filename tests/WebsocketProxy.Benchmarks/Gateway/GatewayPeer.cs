using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace WebsocketProxy.Benchmarks.Gateway;

/// <summary>
/// <c>gateway-peer json|msgpack URL</c>: one unmodified Alpaca client process of the gateway benchmark, a bare WebSocket
/// speaking Alpaca's protocol (as an SDK does: connect, read <c>connected</c>, <c>auth</c>, <c>subscribe</c> to AAPL
/// trades, then read frames of messages), to the gateway or straight to the server. It parses every message of every
/// frame, times each trade (receive time minus its <c>i</c>, the server's monotonic send stamp) and at each phase's
/// end marker prints <c>result phase count seconds p50us p99us lost allocatedBytesPerMessage</c>.
/// </summary>
internal static class GatewayPeer
{
    public const string Verb = "gateway-peer";

    public static async Task<int> RunAsync(string[] args)
    {
        var messagePack = args[0] == "msgpack";
        var url = new Uri(args[1]);
        Console.Out.WriteLine("started");
        using var socket = await ConnectAsync(url, messagePack);
        var buffer = new byte[1 << 20];
        await ExpectAsync(socket, buffer, messagePack, "connected");
        await SendAsync(socket, messagePack, """{"action":"auth","key":"bench-key","secret":"bench-secret"}""");
        await ExpectAsync(socket, buffer, messagePack, "authenticated");
        await SendAsync(socket, messagePack, """{"action":"subscribe","trades":["AAPL"]}""");
        await ExpectAsync(socket, buffer, messagePack, "subscription");
        Console.Out.WriteLine("ready");

        var stats = new PhaseStats();
        while (true)
        {
            var count = await ReceiveAsync(socket, buffer);
            if (count < 0 || !(messagePack ? ReadPack(buffer.AsMemory(0, count), stats) : ReadJson(buffer.AsSpan(0, count), stats)))
            {
                return 0;
            }
        }
    }

    /// <summary>A frame's trades, by Utf8JsonReader: the fields an SDK's model would take.</summary>
    private static bool ReadJson(ReadOnlySpan<byte> frame, PhaseStats stats)
    {
        var reader = new Utf8JsonReader(frame);
        reader.Read(); // [
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            byte type = 0, kind = 0;
            long id = 0, size = 0;
            string? phase = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.ValueSpan;
                var k = key.Length == 1 ? key[0] : (byte)0;
                reader.Read();
                switch (k)
                {
                    case (byte)'T':
                        type = reader.ValueSpan[0];
                        break;
                    case (byte)'x':
                        kind = reader.ValueSpan[0];
                        break;
                    case (byte)'i':
                        id = reader.GetInt64();
                        break;
                    case (byte)'s':
                        size = reader.GetInt64();
                        break;
                    case (byte)'c':
                        // The phase travels as the marker's (exchange E, sent before c) one condition.
                        reader.Read();
                        if (kind == (byte)'E' && reader.TokenType == JsonTokenType.String)
                        {
                            phase = reader.GetString();
                        }

                        while (reader.TokenType != JsonTokenType.EndArray)
                        {
                            reader.Read();
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (type == (byte)'t' && !stats.Add(kind, id, size, phase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A frame's trades, by MessagePack-CSharp's reader.</summary>
    private static bool ReadPack(ReadOnlyMemory<byte> frame, PhaseStats stats)
    {
        var reader = new MessagePackReader(frame);
        var messages = reader.ReadArrayHeader();
        for (var m = 0; m < messages; m++)
        {
            byte type = 0, kind = 0;
            long id = 0, size = 0;
            string? phase = null;
            var entries = reader.ReadMapHeader();
            for (var e = 0; e < entries; e++)
            {
                var key = reader.ReadStringSequence()!.Value.FirstSpan;
                switch (key.Length == 1 ? key[0] : (byte)0)
                {
                    case (byte)'T':
                        type = reader.ReadStringSequence()!.Value.FirstSpan[0];
                        break;
                    case (byte)'x':
                        kind = reader.ReadStringSequence()!.Value.FirstSpan[0];
                        break;
                    case (byte)'i':
                        id = reader.ReadInt64();
                        break;
                    case (byte)'s':
                        size = reader.ReadInt64();
                        break;
                    case (byte)'c':
                        var conditions = reader.ReadArrayHeader();
                        for (var c = 0; c < conditions; c++)
                        {
                            if (kind == (byte)'E' && c == 0)
                            {
                                phase = reader.ReadString();
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (type == (byte)'t' && !stats.Add(kind, id, size, phase))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<WebSocket> ConnectAsync(Uri url, bool messagePack)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (!messagePack)
        {
            var client = new ClientWebSocket();
            await client.ConnectAsync(url, timeout.Token);
            return client;
        }

        // ClientWebSocket drops a Content-Type request header, which selects MessagePack: the handshake by hand.
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(url.Host, url.Port, timeout.Token);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\nContent-Type: application/msgpack\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new IOException("The server closed the connection during the handshake.");
            }

            head.Append((char)one[0]);
        }

        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new IOException($"The WebSocket upgrade was refused: {head.ToString().Split('\r')[0]}");
        }

        // Reads through a buffer, as ClientWebSocket's connection does (and an SDK's socket library): without it each
        // frame costs two read calls (header, payload), which made this client slower than the JSON one.
        return WebSocket.CreateFromStream(new ReadBufferedStream(stream), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
    }

    private static async Task SendAsync(WebSocket socket, bool messagePack, string json)
    {
        var payload = messagePack ? MessagePackSerializer.ConvertFromJson(json) : Encoding.UTF8.GetBytes(json);
        await socket.SendAsync(payload, messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
    }

    /// <summary>Reads control frames until one holds <paramref name="expected"/>; an error message ends the peer.</summary>
    private static async Task ExpectAsync(WebSocket socket, byte[] buffer, bool messagePack, string expected)
    {
        while (true)
        {
            var count = await ReceiveAsync(socket, buffer);
            if (count < 0)
            {
                throw new IOException($"Closed while waiting for '{expected}': {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            var text = messagePack ? MessagePackSerializer.ConvertToJson(buffer.AsMemory(0, count)) : Encoding.UTF8.GetString(buffer, 0, count);
            if (text.Contains("\"error\"", StringComparison.Ordinal))
            {
                throw new IOException($"Error while waiting for '{expected}': {text}");
            }

            if (text.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    /// <summary>One whole frame into <paramref name="buffer"/>; -1 when the connection closed.</summary>
    private static async Task<int> ReceiveAsync(WebSocket socket, byte[] buffer)
    {
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return -1;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return count;
            }
        }
    }

    /// <summary>
    /// Counts a phase's data trades and their latencies; reports at the phase's end marker, whose size is what the
    /// server sent (lost = sent - received), with the bytes this process allocated per trade.
    /// </summary>
    private sealed class PhaseStats
    {
        private readonly List<long> _latencies = new(1 << 20);
        private long _count;
        private long _first;
        private long _last;
        private long _allocatedAtFirst;

        public bool Add(byte kind, long sentTimestamp, long size, string? phase)
        {
            var now = Stopwatch.GetTimestamp();
            switch (kind)
            {
                case (byte)'Q':
                    return false;
                case (byte)'E':
                    Report(phase ?? "?", size);
                    return true;
                default:
                    if (_count == 0)
                    {
                        _first = now;
                        _allocatedAtFirst = GC.GetTotalAllocatedBytes(precise: true);
                    }

                    _last = now;
                    _count++;
                    _latencies.Add(now - sentTimestamp);
                    return true;
            }
        }

        private void Report(string phase, long sent)
        {
            var allocated = _count == 0 ? 0 : (GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtFirst) / (double)_count;
            _latencies.Sort();
            double Percentile(double p) => _latencies.Count == 0 ? 0 : _latencies[(int)Math.Min(_latencies.Count - 1, p * _latencies.Count)] * 1_000_000.0 / Stopwatch.Frequency;
            var seconds = (_last - _first) / (double)Stopwatch.Frequency;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {phase} {_count} {seconds:0.######} {Percentile(0.5):0.0} {Percentile(0.99):0.0} {sent - _count} {allocated:0.0}"));
            Console.Out.Flush();
            _latencies.Clear();
            _count = 0;
        }
    }

    /// <summary>A duplex stream whose reads are buffered (64 KiB) and whose writes go straight through.</summary>
    private sealed class ReadBufferedStream(NetworkStream inner) : Stream
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await inner.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return 0;
                }
            }

            var count = Math.Min(buffer.Length, _end - _start);
            _buffer.AsMemory(_start, count).CopyTo(buffer);
            _start += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
