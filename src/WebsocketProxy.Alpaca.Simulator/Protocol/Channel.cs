namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>The subscription channels of the protocol, in the order a subscription reply lists them.</summary>
internal enum Channel
{
    Trades,
    Quotes,
    OrderBooks,
    Bars,
    UpdatedBars,
    DailyBars,
    Statuses,
    Lulds,
    Imbalances,
    News,
}

/// <summary>Names of the channels on the wire.</summary>
internal static class ChannelNames
{
    public const int Count = 10;

    private static readonly string[] Names =
        ["trades", "quotes", "orderbooks", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "imbalances", "news"];

    public static string Name(Channel channel) => Names[(int)channel];

    public static bool TryParse(string name, out Channel channel)
    {
        var index = Array.IndexOf(Names, name);
        channel = (Channel)Math.Max(index, 0);
        return index >= 0;
    }
}
