using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace WebsocketProxy.Alpaca.Protocol;

public sealed partial class AlpacaChannel
{
    private static readonly ImmutableArray<AlpacaStreamKind> StocksAndCrypto = [AlpacaStreamKind.Stocks, AlpacaStreamKind.Crypto];
    private static readonly ImmutableArray<AlpacaStreamKind> StocksOnly = [AlpacaStreamKind.Stocks];

    /// <summary><c>trades</c>: trades (<c>t</c>), and on stocks corrections (<c>c</c>) and cancels (<c>x</c>).</summary>
    public static AlpacaChannel Trades { get; } = new("trades", ["t", "c", "x"], StocksAndCrypto);

    /// <summary><c>quotes</c>: quotes (<c>q</c>).</summary>
    public static AlpacaChannel Quotes { get; } = new("quotes", ["q"], StocksAndCrypto);

    /// <summary><c>bars</c>: minute bars (<c>b</c>).</summary>
    public static AlpacaChannel Bars { get; } = new("bars", ["b"], StocksAndCrypto);

    /// <summary><c>dailyBars</c>: daily bars (<c>d</c>).</summary>
    public static AlpacaChannel DailyBars { get; } = new("dailyBars", ["d"], StocksAndCrypto);

    /// <summary><c>updatedBars</c>: corrected minute bars (<c>u</c>).</summary>
    public static AlpacaChannel UpdatedBars { get; } = new("updatedBars", ["u"], StocksAndCrypto);

    /// <summary><c>statuses</c>: trading statuses (<c>s</c>), stocks only.</summary>
    public static AlpacaChannel Statuses { get; } = new("statuses", ["s"], StocksOnly);

    /// <summary><c>lulds</c>: LULD bands (<c>l</c>), stocks only.</summary>
    public static AlpacaChannel Lulds { get; } = new("lulds", ["l"], StocksOnly);

    /// <summary><c>imbalances</c>: order imbalances (<c>i</c>), stocks only.</summary>
    public static AlpacaChannel Imbalances { get; } = new("imbalances", ["i"], StocksOnly);

    /// <summary><c>orderbooks</c>: order book updates (<c>o</c>), crypto only.</summary>
    public static AlpacaChannel OrderBooks { get; } = new("orderbooks", ["o"], [AlpacaStreamKind.Crypto]);

    /// <summary><c>news</c>: articles (<c>n</c>), news only.</summary>
    public static AlpacaChannel News { get; } = new("news", ["n"], [AlpacaStreamKind.News]);

    /// <summary>Every channel a client may subscribe to.</summary>
    public static ImmutableArray<AlpacaChannel> All { get; } =
        [Trades, Quotes, Bars, DailyBars, UpdatedBars, Statuses, Lulds, Imbalances, OrderBooks, News];

    private static readonly FrozenDictionary<string, AlpacaChannel> ByKey =
        All.ToFrozenDictionary(channel => channel.Key, StringComparer.Ordinal);

    /// <summary>Finds a channel by its key (case-sensitive, as the server expects).</summary>
    public static bool TryGet(string key, [NotNullWhen(true)] out AlpacaChannel? channel)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ByKey.TryGetValue(key, out channel);
    }
}
