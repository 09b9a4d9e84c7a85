using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>
/// The stocks protocol with a stand-in MessagePack dispatcher that hands every map to the control handler (data maps
/// are then counted as unrecognised): enough to run Alpaca's control flow (auth, subscription replies, errors) in
/// MessagePack before the generated MessagePack dispatcher exists. Once the generator writes it (branch mpread),
/// use <see cref="AlpacaStockStream.Protocol"/> instead.
/// </summary>
internal static class ControlOnlyMessagePack
{
    public static StreamProtocol Stocks { get; } = new(
        AlpacaStockStream.Protocol.Name + " (control messages only in MessagePack)",
        AlpacaStockStream.Protocol.Discriminator,
        AlpacaStockStream.Protocol.SymbolField,
        AlpacaStockStream.Protocol.Channels,
        AlpacaStockStream.Protocol.Dispatcher,
        static (frame, context) => context.DispatchMessagePack(frame, static (_, c) => c.ReportUnrecognized()));

    public static StreamProtocol StocksFor(AlpacaWireFormat format) =>
        format == AlpacaWireFormat.MessagePack ? Stocks : AlpacaStockStream.Protocol;
}
