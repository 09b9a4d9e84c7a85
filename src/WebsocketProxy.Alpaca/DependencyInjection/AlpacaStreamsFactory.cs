using Microsoft.Extensions.Options;
using WebsocketProxy.Alpaca.Streams;

namespace WebsocketProxy.Alpaca.DependencyInjection;

/// <summary>Reads the settings at each call, so a reloaded configuration applies to the next connection.</summary>
internal sealed class AlpacaStreamsFactory(IOptionsMonitor<AlpacaStreamsSettings> settings) : IAlpacaStreamsFactory
{
    public Task<AlpacaStockStream> ConnectStocksAsync(CancellationToken cancellationToken = default)
    {
        var current = settings.CurrentValue;
        return AlpacaStreams.ConnectStocksAsync(current.Credentials(), current.Feed, current.ToOptions(), cancellationToken);
    }

    public Task<AlpacaCryptoStream> ConnectCryptoAsync(CancellationToken cancellationToken = default)
    {
        var current = settings.CurrentValue;
        return AlpacaStreams.ConnectCryptoAsync(current.Credentials(), current.ToOptions(), cancellationToken);
    }

    public Task<AlpacaNewsStream> ConnectNewsAsync(CancellationToken cancellationToken = default)
    {
        var current = settings.CurrentValue;
        return AlpacaStreams.ConnectNewsAsync(current.Credentials(), current.ToOptions(), cancellationToken);
    }
}
