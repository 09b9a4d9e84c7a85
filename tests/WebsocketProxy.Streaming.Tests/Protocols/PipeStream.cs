using System.Globalization;
using System.Text;

namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>
/// A protocol whose server sends JSON or, in binary frames, a compact form ("b|AAPL|1.5" lines) standing
/// in for MessagePack: the hand-written binary dispatcher uses the same listener lookup and delivery.
/// </summary>
[StreamProtocol(
    Discriminator = "T",
    SymbolField = "S",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    BinaryDispatcher = nameof(DispatchBinary))]
public sealed partial class PipeStream
{
    [StreamChannel("bars", TypeCode = "b")]
    public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

    private static void DispatchBinary(ReadOnlySpan<byte> frame, StreamDispatchContext context)
    {
        foreach (var line in Encoding.UTF8.GetString(frame).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('|');
            if (fields[0] != "b")
            {
                context.ReportUnrecognized();
                continue;
            }

            if (context.TryGetTargets(0, Encoding.UTF8.GetBytes(fields[1]), out var targets))
            {
                context.Deliver(in targets, new Bar(fields[1], decimal.Parse(fields[2], CultureInfo.InvariantCulture), "binary"));
            }
        }
    }
}
