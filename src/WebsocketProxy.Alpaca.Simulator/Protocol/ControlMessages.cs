namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>Encodes the control messages: success, error and the subscription reply.</summary>
internal static class ControlMessages
{
    public static EncodedMessage Success(MessageEncoder encoder, string message)
    {
        encoder.Begin(2);
        encoder.String("T"u8, "success"u8);
        encoder.String("msg"u8, message);
        return encoder.End();
    }

    public static EncodedMessage Error(MessageEncoder encoder, int code, string message)
    {
        encoder.Begin(3);
        encoder.String("T"u8, "error"u8);
        encoder.Integer("code"u8, code);
        encoder.String("msg"u8, message);
        return encoder.End();
    }

    /// <summary>The whole current set; <c>corrections</c> and <c>cancelErrors</c> mirror <c>trades</c> on stocks.</summary>
    public static EncodedMessage Subscription(MessageEncoder encoder, StreamEndpoint endpoint, SubscriptionSet set)
    {
        var stocks = endpoint.Market is MarketKind.Stocks or MarketKind.DelayedStocks;
        encoder.Begin(1 + endpoint.Channels.Count + (stocks ? 2 : 0));
        encoder.String("T"u8, "subscription"u8);
        foreach (var channel in endpoint.Channels)
        {
            encoder.StringArray(System.Text.Encoding.UTF8.GetBytes(ChannelNames.Name(channel)), set.Symbols(channel));
        }

        if (stocks)
        {
            encoder.StringArray("corrections"u8, set.Symbols(Channel.Trades));
            encoder.StringArray("cancelErrors"u8, set.Symbols(Channel.Trades));
        }

        return encoder.End();
    }
}
