using Microsoft.Extensions.Hosting;

namespace WebsocketProxy.Alpaca.Gateway.Hosting;

/// <summary>
/// Replaces the console lifetime: an embedded gateway must not take over the process's Ctrl-C or
/// SIGTERM handling; its owner stops it by disposing it.
/// </summary>
internal sealed class NoHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
