using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Decodes every message of a frame for one stream kind (the same type code means different models on the
/// stocks and crypto streams). Errors are counted and reported; the rest of the frame goes on. For routing
/// only the messages someone listens to, use <see cref="AlpacaFrameReader"/> directly, as this class does.
/// </summary>
public sealed class AlpacaFrameDecoder
{
    private readonly AlpacaStreamKind _stream;
    private readonly AlpacaDecodeContext _context;
    private readonly Action<AlpacaDecodeError>? _onError;
    private long _errorCount;

    /// <summary>Creates a decoder for <paramref name="stream"/>.</summary>
    /// <param name="stream">Which stream the frames come from.</param>
    /// <param name="context">Caches to share; <see cref="AlpacaDecodeContext.Shared"/> when null.</param>
    /// <param name="onError">Called for each element that could not be decoded.</param>
    public AlpacaFrameDecoder(AlpacaStreamKind stream, AlpacaDecodeContext? context = null, Action<AlpacaDecodeError>? onError = null)
    {
        _stream = stream;
        _context = context ?? AlpacaDecodeContext.Shared;
        _onError = onError;
    }

    /// <summary>Errors over all frames so far (malformed JSON, unknown types, invalid messages).</summary>
    public long ErrorCount => Interlocked.Read(ref _errorCount);

    /// <summary>Decodes <paramref name="frame"/> and adds each message to <paramref name="output"/>.</summary>
    /// <returns>How many messages were added.</returns>
    public int Decode(ReadOnlySpan<byte> frame, ICollection<IAlpacaMessage> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reader = new AlpacaFrameReader(frame, _context, _onError);
        var added = 0;
        while (reader.MoveNext())
        {
            if (TryDecodeCurrent(ref reader, out var message))
            {
                output.Add(message);
                added++;
            }
        }

        Interlocked.Add(ref _errorCount, reader.ErrorCount);
        return added;
    }

    private bool TryDecodeCurrent(ref AlpacaFrameReader reader, out IAlpacaMessage message)
    {
        var code = reader.TypeCode;
        var stocks = _stream == AlpacaStreamKind.Stocks;
        var crypto = _stream == AlpacaStreamKind.Crypto;
        switch (code.Length == 1 ? code[0] : 0)
        {
            case (byte)'t' when stocks: return Decode<StockTradeDecoder, StockTrade>(ref reader, out message);
            case (byte)'q' when stocks: return Decode<StockQuoteDecoder, StockQuote>(ref reader, out message);
            case (byte)'b' or (byte)'d' or (byte)'u' when stocks: return Decode<StockBarDecoder, StockBar>(ref reader, out message);
            case (byte)'s' when stocks: return Decode<TradingStatusDecoder, TradingStatus>(ref reader, out message);
            case (byte)'l' when stocks: return Decode<LimitUpLimitDownDecoder, LimitUpLimitDown>(ref reader, out message);
            case (byte)'c' when stocks: return Decode<TradeCorrectionDecoder, TradeCorrection>(ref reader, out message);
            case (byte)'x' when stocks: return Decode<TradeCancelDecoder, TradeCancel>(ref reader, out message);
            case (byte)'i' when stocks: return Decode<OrderImbalanceDecoder, OrderImbalance>(ref reader, out message);
            case (byte)'t' when crypto: return Decode<CryptoTradeDecoder, CryptoTrade>(ref reader, out message);
            case (byte)'q' when crypto: return Decode<CryptoQuoteDecoder, CryptoQuote>(ref reader, out message);
            case (byte)'b' or (byte)'d' or (byte)'u' when crypto: return Decode<CryptoBarDecoder, CryptoBar>(ref reader, out message);
            case (byte)'o' when crypto: return Decode<CryptoOrderBookDecoder, CryptoOrderBook>(ref reader, out message);
            case (byte)'n' when _stream == AlpacaStreamKind.News: return Decode<NewsArticleDecoder, NewsArticle>(ref reader, out message);
        }

        if (code.SequenceEqual("success"u8))
        {
            return Decode<SuccessMessageDecoder, SuccessMessage>(ref reader, out message);
        }

        if (code.SequenceEqual("error"u8))
        {
            return Decode<ErrorMessageDecoder, ErrorMessage>(ref reader, out message);
        }

        if (code.SequenceEqual("subscription"u8))
        {
            return Decode<SubscriptionStateDecoder, SubscriptionState>(ref reader, out message);
        }

        reader.ReportUnknownType();
        message = null!;
        return false;
    }

    private static bool Decode<TDecoder, TModel>(ref AlpacaFrameReader reader, out IAlpacaMessage message)
        where TDecoder : IAlpacaMessageDecoder<TModel>
        where TModel : class, IAlpacaMessage
    {
        var decoded = reader.TryDecode<TDecoder, TModel>(out var model);
        message = model!;
        return decoded;
    }
}
