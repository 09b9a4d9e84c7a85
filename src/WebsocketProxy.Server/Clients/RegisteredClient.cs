using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Clients;

/// <summary>
/// One registered client: a reader thread takes commands off its request ring (sleeping on the ring's wake
/// mechanism, probing its lease between reads), and an async loop handles them one at a time. A bounded number
/// of credits between the two means a flooding client fills only its own ring and waits for itself. Nothing is
/// executed before the registration's hello: a ring may hold commands written for a proxy that has died.
/// </summary>
internal sealed partial class RegisteredClient : IAsyncDisposable
{
    private const int Credits = 64;

    /// <summary>Opens of one client in progress at once; the next waits for one to finish (only this client waits).</summary>
    public const int MaxOpensInFlight = 8;
    private readonly string _leasePath;
    private readonly MessageRing _requests;
    private readonly MessageRing _replies;
    private readonly Func<RegisteredClient, Command, Task> _dispatch;
    private readonly TimeSpan _liveness;
    private readonly ILogger _logger;
    private readonly Channel<Incoming> _incoming = Channel.CreateUnbounded<Incoming>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _credits = new(Credits, Credits);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _readerEnded = new();
    private readonly SemaphoreSlim _opens = new(MaxOpensInFlight, MaxOpensInFlight);
    private readonly Lock _replyGate = new();
    private readonly ArrayBufferWriter<byte> _replyBuffer = new(1024);
    private Thread? _reader;
    private Task _processing = Task.CompletedTask;
    private volatile bool _leaving;
    private volatile bool _disposed;
    private long _rejected;
    private bool _probeFailed;

    // Touched by the processing loop only.
    private bool _greeted;
    private long _refusedBeforeHello;

    public RegisteredClient(long id, string leasePath, MessageRing requests, MessageRing replies, Func<RegisteredClient, Command, Task> dispatch, TimeSpan liveness, ILogger logger)
    {
        Id = id;
        _leasePath = leasePath;
        _requests = requests;
        _replies = replies;
        _dispatch = dispatch;
        _liveness = liveness;
        _logger = logger;
    }

    public long Id { get; }

    public string Name { get; set; } = "(unregistered)";

    public int ProcessId { get; set; }

    /// <summary>The client's broadcast reader counters, from its last heartbeat.</summary>
    public long Received { get; set; }

    public long Lost { get; set; }

    /// <summary>Commands of this client answered with an error (or unreadable).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Completes when the client died, said goodbye or the proxy stops.</summary>
    public Task Completion => _processing;

    /// <summary><see langword="true"/> when the client ended with a goodbye rather than dying.</summary>
    public bool SaidGoodbye => _leaving;

    public void Start()
    {
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"client-{Id:x}" };
        _reader.Start();
        _processing = Task.Run(ProcessAsync);
    }

    /// <summary>
    /// Takes one of this client's open slots, waiting while <see cref="MaxOpensInFlight"/> opens are in progress:
    /// the wait holds up this client's later commands only. <see langword="false"/> when the client is gone.
    /// </summary>
    public async Task<bool> EnterOpenAsync()
    {
        try
        {
            await _opens.WaitAsync(_readerEnded.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>An open that <see cref="EnterOpenAsync"/> admitted has finished.</summary>
    public void ExitOpen() => _opens.Release();

    /// <summary>Stops reading after the current command (the client said goodbye).</summary>
    public void MarkLeaving() => _leaving = true;

    public void ReplyOk(CommandKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        lock (_replyGate)
        {
            _replyBuffer.ResetWrittenCount();
            Reply.EncodeOk(_replyBuffer, kind, correlationId, body);
            WriteReply(_replyBuffer.WrittenSpan);
        }
    }

    public void ReplyError(CommandKind kind, long correlationId, string error)
    {
        Interlocked.Increment(ref _rejected);
        lock (_replyGate)
        {
            _replyBuffer.ResetWrittenCount();
            Reply.EncodeError(_replyBuffer, kind, correlationId, error);
            WriteReply(_replyBuffer.WrittenSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _incoming.Writer.TryComplete();
        try
        {
            await _processing.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // Disposing one client must not fail the proxy's loop that reaps every client.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnexpected(_logger, Id, Name, ex);
        }

        _reader?.Join(TimeSpan.FromSeconds(2));
        EndReading();
        lock (_replyGate)
        {
            _disposed = true;
            _requests.Dispose();
            _replies.Dispose();
        }

        _stop.Dispose();
    }

    // Never disposed: a reader thread that outlived DisposeAsync's join may still cancel it.
    private void EndReading() => _readerEnded.Cancel();

    /// <summary>A reply ring the client does not drain only hurts that client: after a short wait the reply is dropped.</summary>
    private void WriteReply(ReadOnlySpan<byte> reply)
    {
        if (_disposed)
        {
            // The client died while its command (an open) was in flight: nobody is left to answer.
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (!_replies.TryWrite(reply))
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(1) || _stop.IsCancellationRequested)
            {
                LogReplyDropped(_logger, Id, Name);
                return;
            }

            spinner.SpinOnce(sleep1Threshold: 10);
        }
    }

    private readonly record struct Incoming(Command? Command, CommandKind Kind, long CorrelationId, string? Error);
}
