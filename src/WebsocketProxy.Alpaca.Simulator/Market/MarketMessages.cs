using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>Encodes each market message type with the keys and JSON types of the real service.</summary>
internal static class MarketMessages
{
    public static EncodedMessage StockTrade(MessageEncoder e, string symbol, long id, string exchange, double price, long size, string tape, long t)
    {
        e.Begin(9);
        e.String("T"u8, "t"u8);
        e.String("S"u8, symbol);
        e.Integer("i"u8, id);
        e.String("x"u8, exchange);
        e.Number("p"u8, price);
        e.Integer("s"u8, size);
        e.StringArray("c"u8, "@"u8);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage StockQuote(MessageEncoder e, string symbol, string bidExchange, double bid, long bidSize, string askExchange, double ask, long askSize, string tape, long t)
    {
        e.Begin(11);
        e.String("T"u8, "q"u8);
        e.String("S"u8, symbol);
        e.String("bx"u8, bidExchange);
        e.Number("bp"u8, bid);
        e.Integer("bs"u8, bidSize);
        e.String("ax"u8, askExchange);
        e.Number("ap"u8, ask);
        e.Integer("as"u8, askSize);
        e.StringArray("c"u8, "R"u8);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    /// <summary>A minute (<c>b</c>), daily (<c>d</c>) or updated (<c>u</c>) bar; crypto volumes are fractional.</summary>
    public static EncodedMessage Bar(MessageEncoder e, ReadOnlySpan<byte> type, string symbol, BarAccumulator bar, bool fractionalVolume)
    {
        e.Begin(10);
        e.String("T"u8, type);
        e.String("S"u8, symbol);
        e.Number("o"u8, bar.Open);
        e.Number("h"u8, bar.High);
        e.Number("l"u8, bar.Low);
        e.Number("c"u8, bar.Close);
        if (fractionalVolume)
        {
            e.Number("v"u8, Math.Round(bar.Volume, 8));
        }
        else
        {
            e.Integer("v"u8, (long)bar.Volume);
        }

        e.Integer("n"u8, bar.Count);
        e.Number("vw"u8, bar.Vwap);
        e.Timestamp("t"u8, bar.StartNanos);
        return e.End();
    }

    public static EncodedMessage Status(MessageEncoder e, string symbol, string code, string message, string reasonCode, string reasonMessage, string tape, long t)
    {
        e.Begin(8);
        e.String("T"u8, "s"u8);
        e.String("S"u8, symbol);
        e.String("sc"u8, code);
        e.String("sm"u8, message);
        e.String("rc"u8, reasonCode);
        e.String("rm"u8, reasonMessage);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage Luld(MessageEncoder e, string symbol, double up, double down, string tape, long t)
    {
        e.Begin(7);
        e.String("T"u8, "l"u8);
        e.String("S"u8, symbol);
        e.Number("u"u8, up);
        e.Number("d"u8, down);
        e.String("i"u8, "B"u8);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage Correction(MessageEncoder e, string symbol, string exchange, long originalId, double originalPrice, long originalSize, long correctedId, double correctedPrice, long correctedSize, string tape, long t)
    {
        e.Begin(13);
        e.String("T"u8, "c"u8);
        e.String("S"u8, symbol);
        e.String("x"u8, exchange);
        e.Integer("oi"u8, originalId);
        e.Number("op"u8, originalPrice);
        e.Integer("os"u8, originalSize);
        e.StringArray("oc"u8, "@"u8);
        e.Integer("ci"u8, correctedId);
        e.Number("cp"u8, correctedPrice);
        e.Integer("cs"u8, correctedSize);
        e.StringArray("cc"u8, "@"u8);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage CancelError(MessageEncoder e, string symbol, long id, string exchange, double price, long size, bool cancel, string tape, long t)
    {
        e.Begin(9);
        e.String("T"u8, "x"u8);
        e.String("S"u8, symbol);
        e.Integer("i"u8, id);
        e.String("x"u8, exchange);
        e.Number("p"u8, price);
        e.Integer("s"u8, size);
        e.String("a"u8, cancel ? "C"u8 : "E"u8);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage Imbalance(MessageEncoder e, string symbol, double price, string tape, long t)
    {
        e.Begin(5);
        e.String("T"u8, "i"u8);
        e.String("S"u8, symbol);
        e.Number("p"u8, price);
        e.String("z"u8, tape);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage CryptoTrade(MessageEncoder e, string symbol, long id, double price, double size, bool buyerTook, long t)
    {
        e.Begin(7);
        e.String("T"u8, "t"u8);
        e.String("S"u8, symbol);
        e.Number("p"u8, price);
        e.Number("s"u8, size);
        e.Timestamp("t"u8, t);
        e.Integer("i"u8, id);
        e.String("tks"u8, buyerTook ? "B"u8 : "S"u8);
        return e.End();
    }

    public static EncodedMessage CryptoQuote(MessageEncoder e, string symbol, double bid, double bidSize, double ask, double askSize, long t)
    {
        e.Begin(7);
        e.String("T"u8, "q"u8);
        e.String("S"u8, symbol);
        e.Number("bp"u8, bid);
        e.Number("bs"u8, bidSize);
        e.Number("ap"u8, ask);
        e.Number("as"u8, askSize);
        e.Timestamp("t"u8, t);
        return e.End();
    }

    public static EncodedMessage OrderBook(MessageEncoder e, string symbol, long t, IReadOnlyList<(double Price, double Size)> bids, IReadOnlyList<(double Price, double Size)> asks, bool reset)
    {
        e.Begin(6);
        e.String("T"u8, "o"u8);
        e.String("S"u8, symbol);
        e.Timestamp("t"u8, t);
        e.BeginArray("b"u8, bids.Count);
        foreach (var (price, size) in bids)
        {
            e.PriceLevel(price, size);
        }

        e.EndArray();
        e.BeginArray("a"u8, asks.Count);
        foreach (var (price, size) in asks)
        {
            e.PriceLevel(price, size);
        }

        e.EndArray();
        e.Boolean("r"u8, reset);
        return e.End();
    }

    public static EncodedMessage News(MessageEncoder e, NewsItem item)
    {
        e.Begin(11);
        e.String("T"u8, "n"u8);
        e.Integer("id"u8, item.Id);
        e.String("headline"u8, item.Headline);
        e.String("summary"u8, item.Summary);
        e.String("author"u8, item.Author);
        e.Timestamp("created_at"u8, item.CreatedAt);
        e.Timestamp("updated_at"u8, item.UpdatedAt);
        e.String("url"u8, item.Url);
        e.String("content"u8, item.Content);
        e.StringArray("symbols"u8, item.Symbols);
        e.String("source"u8, item.Source);
        return e.End();
    }
}
