namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Holds every WebSocket handshake the test server receives until disposed, so a test can act while a client (or
/// a proxy) is stuck mid-connect; <see cref="Reached"/> says one has arrived. Disposing lets them all through.
/// </summary>
public sealed class HandshakeHold : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TestWebSocketServer _server;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HandshakeHold(TestWebSocketServer server)
    {
        _server = server;
        server.Accept = _ =>
        {
            _reached.TrySetResult();
            return _released.Task.Wait(Bound);
        };
    }

    /// <summary>Completes when a handshake is being held; fails after 30 s.</summary>
    public Task Reached => _reached.Task.WaitAsync(Bound);

    public void Dispose()
    {
        _released.TrySetResult();
        _server.Accept = null;
    }
}
