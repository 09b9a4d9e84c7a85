using System.Collections.Concurrent;
using System.Security.Cryptography;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// One registration of this process with one proxy process: its own request and reply rings, its lease
/// (created last, so the proxy only sees complete registrations) and the broadcast reader. A proxy restart
/// replaces the whole registration, so nothing stale is ever read by the new proxy.
/// </summary>
internal sealed partial class ProxyRegistration : IDisposable
{
    private readonly string _instance;
    private readonly IpcBackend _backend;
    private readonly MessageRing _requests;
    private readonly MessageRing _replies;
    private readonly Lease _lease;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Reply>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private readonly Thread _replyThread;
    private long _nextCorrelation;
    private Exception? _failure;
    private string? _lostReason;
    private int _disposed;

    private ProxyRegistration(string instance, IpcBackend backend, long clientId, MessageRing requests, MessageRing replies, Lease lease, TimeProvider time)
    {
        _instance = instance;
        _backend = backend;
        ClientId = clientId;
        _requests = requests;
        _replies = replies;
        _lease = lease;
        _time = time;
        _stopping = _stop.Token;
        _replyThread = new Thread(ReplyLoop) { IsBackground = true, Name = "wsproxy-replies" };
    }

    public long ClientId { get; }

    public long ServerId { get; private set; }

    public BroadcastReader Broadcast { get; private set; } = null!;

    public CancellationToken Stopping => _stopping;

    /// <summary>The largest encoded command the request ring takes.</summary>
    public int MaxCommandLength => _requests.MaxMessageLength;

    public static ProxyRegistration Create(WebsocketProxyClientOptions options)
    {
        var id = (long)RandomNumberGenerator.GetInt32(1, int.MaxValue) + ((long)RandomNumberGenerator.GetInt32(int.MaxValue) << 31);
        var backend = options.Backend;
        MessageRing? requests = null;
        MessageRing? replies = null;
        try
        {
            requests = MessageRing.Create(ProxyNames.ClientRequests(options.Instance, id, backend), options.CommandRingCapacity);
            replies = MessageRing.Create(ProxyNames.ClientReplies(options.Instance, id, backend), 1 << 20);
            var lease = Lease.Acquire(ProxyNames.ClientLease(options.Instance, id, backend));
            var registration = new ProxyRegistration(options.Instance, backend, id, requests, replies, lease, options.TimeProvider);
            registration._replyThread.Start();
            return registration;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            requests?.Dispose();
            replies?.Dispose();
            DeleteFiles(options.Instance, id, backend);

            // Said at once: waiting would not help (another user's squatted directory, a full /dev/shm, ...).
            throw new WebsocketProxyException($"Cannot register with the proxy of instance '{options.Instance}': {ex.Message}", ex);
        }
        catch
        {
            requests?.Dispose();
            replies?.Dispose();
            DeleteFiles(options.Instance, id, backend);
            throw;
        }
    }

    // When this client cannot watch the proxy being started (another client starts it, or a starter that does
    // not use the launcher): long enough for a proxy to start on a loaded machine. A proxy this client launched
    // is watched instead: waited for while it runs (up to StartTimeout), replaced at once when it exits, so a
    // slow start never leads to a second proxy.
    private static readonly TimeSpan RespawnAfter = TimeSpan.FromSeconds(10);

    /// <summary>Registers with the proxy (starting one when none runs and <paramref name="spawn"/>) and joins the broadcast ring.</summary>
    public async Task HelloAsync(string name, bool spawn, Action<WebsocketProxyClientOptions>? starter, WebsocketProxyClientOptions options, CancellationToken cancellationToken)
    {
        var hello = Post(correlation => new HelloCommand(correlation, name, Environment.ProcessId));
        var deadline = _time.GetTimestamp();
        var lastSpawn = long.MinValue;
        var instanceLease = ProxyNames.InstanceLease(_instance, _backend);

        // Held from a spawn until the new proxy holds its instance lease: a proxy takes a moment to start, and
        // releasing the lock at once let every client that arrived in that moment start a proxy of its own.
        Lease? spawning = null;
        try
        {
            while (!hello.Task.IsCompleted)
            {
                if (Lease.IsHeld(instanceLease))
                {
                    spawning?.Dispose();
                    spawning = null;
                }
                else
                {
                    if (ProxyOnOtherBackend(_instance, _backend) is { } other)
                    {
                        throw new WebsocketProxyException(
                            $"The proxy of instance '{_instance}' runs on the {IpcBackendSelection.NameOf(other)} IPC back-end, but this client uses the " +
                            $"{IpcBackendSelection.NameOf(_backend)} one (WebsocketProxyClientOptions.IpcBackend, else the {IpcBackendSelection.EnvironmentVariable} " +
                            "environment variable): a proxy and its clients must use the same back-end. Use the same setting everywhere, or stop that proxy.");
                    }

                    if (!spawn)
                    {
                        throw new WebsocketProxyException($"No proxy of instance '{_instance}' is running.");
                    }

                    // The proxy this client started has already exited without taking the lease: 0 means it lost a
                    // race to another proxy (retry); anything else is a failure worth saying at once.
                    int? exited = null;
                    var watching = spawning is not null && ProxyLauncher.TryGetLastSpawn(_instance, out exited);
                    if (exited is { } code and not 0)
                    {
                        throw new WebsocketProxyException(
                            $"websocket-proxy exited with code {code} as it started (instance '{_instance}'). Is it from the same release as this " +
                            $"client? Run `websocket-proxy run --instance {_instance}` to see its error." +
                            (options.ProxyLogFile is null ? string.Empty : $" Its log: {options.ProxyLogFile}"));
                    }

                    if (lastSpawn == long.MinValue || exited is not null || (!watching && _time.GetElapsedTime(lastSpawn) > RespawnAfter))
                    {
                        // A proxy that has not taken its lease in that time failed to start: let this or another client retry.
                        spawning?.Dispose();
                        lastSpawn = _time.GetTimestamp();
                        spawning = TrySpawn(_instance, starter, options);
                    }
                }

                if (_time.GetElapsedTime(deadline) > options.StartTimeout)
                {
                    throw new WebsocketProxyException($"The proxy of instance '{_instance}' did not answer within {options.StartTimeout.TotalSeconds:0.#} s." +
                        (options.ProxyLogFile is null ? string.Empty : $" See its log: {options.ProxyLogFile}"));
                }

                await Task.WhenAny(hello.Task, Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            spawning?.Dispose();
        }

        var reply = Check(await hello.Task.ConfigureAwait(false));
        ServerId = HelloReply.Read(reply.Body.Span).ProcessId;
        Broadcast = BroadcastReader.Open(ProxyNames.Broadcast(_instance, _backend));
    }

    /// <summary>
    /// Only one client spawns at a time; the others wait for the proxy it starts. Returns the spawn lock, held,
    /// when this client started a proxy (the caller releases it once the proxy is up), otherwise null.
    /// </summary>
    private static Lease? TrySpawn(string instance, Action<WebsocketProxyClientOptions>? starter, WebsocketProxyClientOptions options)
    {
        if (!Lease.TryAcquire(ProxyNames.SpawnLock(instance, options.Backend), out var spawnLock))
        {
            return null;
        }

        try
        {
            if (Lease.IsHeld(ProxyNames.InstanceLease(instance, options.Backend)))
            {
                spawnLock.Dispose();
                return null;
            }

            ProxyLauncher.ForgetLastSpawn(instance);
            (starter ?? ProxyLauncher.Start)(options);
            return spawnLock;
        }
        catch
        {
            spawnLock.Dispose();
            throw;
        }
    }

    /// <summary>Stops the registration's threads (the reply thread and the frame pump) without releasing anything yet.</summary>
    public void Cancel()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }
    }

    public void Dispose()
    {
        // Recovery and the client's own disposal may both dispose the same registration.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Fail(new WebsocketProxyException("The client is closed."));
        Cancel();
        var replyThreadDone = Thread.CurrentThread == _replyThread || _replyThread.Join(TimeSpan.FromSeconds(2));

        // A write in progress touches the mapped request ring: unmap only once no writer holds the lock (writers
        // seen after this find _disposed set and fail at once). Stopping makes a waiting writer leave within
        // microseconds; if one still does not, a leaked mapping is better than unmapping memory in use.
        var writesDone = _writeLock.Wait(TimeSpan.FromSeconds(2));
        Broadcast?.Dispose();
        if (writesDone)
        {
            _requests.Dispose();
            _writeLock.Release();
        }

        if (replyThreadDone)
        {
            _replies.Dispose();
        }

        _lease.Dispose();
        DeleteFiles(_instance, ClientId, _backend);
        _stop.Dispose();
    }

    /// <summary>Why the proxy of this registration is known to be gone; <see langword="null"/> while it is not.</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>Records that the proxy went away (the first reason wins).</summary>
    public void MarkLost(string reason) => Interlocked.CompareExchange(ref _lostReason, reason, null);

    /// <summary>Fails every pending and future request (the proxy went away).</summary>
    public void Fail(Exception error)
    {
        Interlocked.CompareExchange(ref _failure, error, null);
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var pending))
            {
                pending.TrySetException(error);
            }
        }
    }

    /// <summary>The other back-end a proxy of <paramref name="instance"/> runs on, if one does.</summary>
    internal static IpcBackend? ProxyOnOtherBackend(string instance, IpcBackend backend)
    {
        foreach (var other in Enum.GetValues<IpcBackend>())
        {
            try
            {
                if (other != backend && Lease.IsHeld(ProxyNames.InstanceLease(instance, other)))
                {
                    return other;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // The other back-end's directory is unusable (another user's?): no proxy of ours runs there.
            }
        }

        return null;
    }

    private static void DeleteFiles(string instance, long id, IpcBackend backend)
    {
        foreach (var path in new[] { ProxyNames.ClientLease(instance, id, backend), ProxyNames.ClientRequests(instance, id, backend), ProxyNames.ClientReplies(instance, id, backend) })
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The proxy deletes leftovers of dead clients.
            }
        }
    }
}
