using WebsocketProxy.Alpaca.Streams;

namespace WebsocketProxy.Alpaca.DependencyInjection;

/// <summary>Opens typed Alpaca streams with the application's configured credentials and options.</summary>
public interface IAlpacaStreamsFactory
{
    /// <summary>Opens the stocks stream of the configured feed; the caller owns (disposes) it.</summary>
    Task<AlpacaStockStream> ConnectStocksAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens the crypto stream; the caller owns (disposes) it.</summary>
    Task<AlpacaCryptoStream> ConnectCryptoAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens the news stream; the caller owns (disposes) it.</summary>
    Task<AlpacaNewsStream> ConnectNewsAsync(CancellationToken cancellationToken = default);
}
