using WebsocketProxy.Ipc;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>A proxy and its clients must use the same IPC back-end: a client that finds the proxy of its instance on the other one says so at once.</summary>
public sealed class IpcBackendTests
{
    [NativeRowsTheory]
    [BackendData(IpcBackend.Native, IpcBackend.Portable)]
    [BackendData(IpcBackend.Portable, IpcBackend.Native)]
    public async Task Connect_ProxyOfTheInstanceRunsOnTheOtherBackend_FailsNamingBothInsteadOfWaiting(IpcBackend running, IpcBackend asked)
    {
        await using var context = new ProxyTestContext(running);
        var first = await context.ConnectAsync("first");
        Assert.True(context.ProxyRunning);

        // Isolated: in one process, clients of an instance share a registration and the option must agree (tested apart).
        var options = context.ClientOptions("other") with { IpcBackend = asked, StartTimeout = TimeSpan.FromSeconds(30) };
        var started = TimeProvider.System.GetTimestamp();
        var error = await Assert.ThrowsAsync<WebsocketProxyException>(() =>
            WebsocketProxyClient.ConnectAsync(options, starter: null, isolated: true, CancellationToken.None));

        Assert.Contains($"runs on the {IpcBackendSelection.NameOf(running)} IPC back-end", error.Message, StringComparison.Ordinal);
        Assert.Contains($"this client uses the {IpcBackendSelection.NameOf(asked)} one", error.Message, StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "The mismatch was reported only after a wait.");
        Assert.Equal(first.ServerId, (await context.ConnectAsync("third")).ServerId);
    }

    [NativeRowsTheory]
    [BackendData(IpcBackend.Native)]
    public async Task Connect_SecondClientOfTheInstanceAsksForAnotherBackendInTheSameProcess_ArgumentException(IpcBackend inUse)
    {
        await using var context = new ProxyTestContext(inUse);
        await context.ConnectAsync("first");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WebsocketProxyClient.ConnectAsync(context.ClientOptions("second") with { IpcBackend = IpcBackend.Portable }));
        Assert.Contains("IpcBackend (Portable asked, Native in use)", error.Message, StringComparison.Ordinal);
    }
}
