using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Tests.Internal;

/// <summary>A registration's own rings in real shared memory, with no proxy reading them: disposal racing with writes.</summary>
public sealed class ProxyRegistrationTests
{
    private const int Writers = 4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dispose_WhileWritesAreInFlight_EveryRequestEndsPromptlyWithAClearError(bool drained)
    {
        // Drained (as by a proxy that never replies), the ring always has room and some write is nearly always
        // inside TryWrite, which is where an unmap used to land. Not drained, a small ring fills at once and the
        // writer holding the lock retries every millisecond. The timeout is far beyond the bound checked below.
        var options = WebsocketProxyClientOptions.Default with { Instance = "t" + Guid.NewGuid().ToString("N")[..12], CommandRingCapacity = 4096 };
        var payload = new byte[200];
        for (var round = 0; round < 30; round++)
        {
            var registration = ProxyRegistration.Create(options);
            using var stopDraining = new CancellationTokenSource();
            var drainer = drained ? Drain(ProxyNames.ClientRequests(options.Instance, registration.ClientId), stopDraining.Token) : null;
            var requests = new ConcurrentQueue<Task<Reply>>();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    var request = registration.RequestAsync(c => new SendCommand(c, 1, WebSocketMessageType.Text, payload), TimeSpan.FromMinutes(5), CancellationToken.None);
                    requests.Enqueue(request);
                    if (requests.Count >= 200)
                    {
                        enough.TrySetResult();
                    }

                    if (request.IsFaulted)
                    {
                        return;
                    }
                }
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(10));
            registration.Dispose();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
            await stopDraining.CancelAsync();
            drainer?.Join();

            var all = Task.WhenAll(requests);
            try
            {
                await all.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (WebsocketProxyException)
            {
                // Expected: inspected one by one below.
            }

            Assert.All(requests, request =>
            {
                Assert.True(request.IsCompleted, "A request racing with disposal still waits for its timeout.");
                Assert.True(request.IsFaulted, "No proxy ever answered, so no request can have succeeded.");
                Assert.IsType<WebsocketProxyException>(request.Exception!.InnerException);
            });
        }
    }

    /// <summary>Reads the request ring as the proxy would, on a mapping of its own, and never replies.</summary>
    private static Thread Drain(string path, CancellationToken token)
    {
        var thread = new Thread(() =>
        {
            using var ring = MessageRing.Open(path);
            var buffer = new ArrayBufferWriter<byte>(4096);
            while (!token.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                if (ring.TryRead(buffer).Status == ReadStatus.Empty)
                {
                    Thread.Yield();
                }
            }
        })
        { IsBackground = true };
        thread.Start();
        return thread;
    }
}
