using System.Net;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class AlpacaGatewayOptionsTests
{
    [Fact]
    public async Task StartAsync_NonLoopbackBindWithoutAllowRemote_Throws()
    {
        var options = AlpacaGatewayOptions.Default with { Port = 0, BindAddress = IPAddress.Any };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AlpacaGateway.StartAsync(options));

        Assert.Contains("AllowRemoteClients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PortZero_ReportsLoopbackUriWithBoundPort()
    {
        await using var gateway = await AlpacaGateway.StartAsync(AlpacaGatewayOptions.Default with { Port = 0 });

        Assert.Equal("127.0.0.1", gateway.Uri.Host);
        Assert.NotEqual(0, gateway.Uri.Port);
        Assert.Equal("ws", gateway.Uri.Scheme);
    }
}
