namespace WebsocketProxy.Client.Internal;

/// <summary>
/// <see cref="IProxyConnection.AttachFrameHandler"/> for connections that only offer
/// <see cref="IProxyConnection.ReadFramesAsync"/>: a task reads the frames and hands them over. Such a connection
/// has no client to log to, so an exception thrown by the handler is dropped and the frames go on.
/// </summary>
internal static class FrameHandlerPump
{
    public static IDisposable Start(IProxyConnection connection, ProxyFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var stop = new CancellationTokenSource();
        var registration = new FrameHandlerRegistration(handler, static _ => { }, _ => stop.Cancel());

        // Registered now, so that no frame between this call and the task's start is missed.
        var frames = connection.ReadFramesAsync(stop.Token);
        _ = Task.Run(async () =>
        {
            var reason = "The connection's frames ended.";
            try
            {
                await foreach (var frame in frames.ConfigureAwait(false))
                {
                    registration.Invoke(frame);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The handler learns of any failure as the end of the connection.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                reason = "Reading the connection failed: " + ex.Message;
            }

            registration.Invoke(new ProxyFrame(ProxyFrameKind.Closed, connection.Id, ReadOnlyMemory<byte>.Empty, Message: reason));
        });
        return registration;
    }
}
