using System.Runtime.CompilerServices;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Protocol;
using WebsocketProxy.Alpaca.Trading;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// The account's order events (Alpaca's <c>trade_updates</c>) as a typed async stream: <see cref="AlpacaProxy.Trading"/>,
/// also on the proxy itself (<c>alpaca.TradeUpdates()</c>). Every process using the same credentials shares one
/// upstream connection through the local proxy; each stream can keep only its own orders, by client order id prefix.
/// The connection opens on first use and listens once for all of them.
/// </summary>
/// <remarks>
/// Alpaca does not replay order events missed while the connection was down: after a <see cref="AlpacaStream.Gap"/>
/// with <see cref="StreamGapEventArgs.Reconnected"/>, reconcile with the order calls (<see cref="AlpacaOrdersClient.ListAsync"/>).
/// That gap is raised once the new session's <c>listen</c> has been sent, so an event after the snapshot comes on the
/// stream; an event may be in both, so merge by order id.
/// </remarks>
public sealed class AlpacaTradingStream : AlpacaStream
{
    private const int TradeUpdatesChannel = 0;

    internal AlpacaTradingStream(Func<CancellationToken, Task<AlpacaUpstream>> open, StreamOptions options)
        : base(Protocol, AlpacaTradingMessages.TradeUpdates, open, options)
    {
    }

    /// <summary>
    /// The trading stream as the router sees it, written by hand rather than generated: its messages are one object,
    /// <c>{"stream":…,"data":{…}}</c>, not arrays of <c>T</c>-typed objects; its one topic is the stream name that the
    /// listen message lists (so the proxy's subscription is exactly Alpaca's listen); and paper sends it in binary frames.
    /// Unsubscribing listens again (a no-op): the listen message cannot express "stop" with a topic in it, and a
    /// connection held open for order events should keep them coming; events nobody reads are skipped undecoded.
    /// </summary>
    internal static StreamProtocol Protocol { get; } = new(
        typeof(AlpacaTradingStream).FullName!,
        discriminator: "stream",
        symbolField: "stream",
        channels:
        [
            new StreamChannel(
                TradeUpdatesChannel,
                AlpacaTradingMessages.TradeUpdates,
                AlpacaTradingMessages.TradeUpdates,
                symbolRouted: true,
                new SubscriptionTemplate
                {
                    Group = "listen",
                    Subscribe = AlpacaTradingMessages.ListenTemplate,
                    Unsubscribe = AlpacaTradingMessages.ListenTemplate,
                },
                typeof(TradeUpdate)),
        ],
        Dispatch,
        binaryFrames: StreamWireFormat.Json);

    /// <summary>Every order event of the account, from every process and application using it.</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for <see cref="StreamOptions.Buffer"/>.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events, in Alpaca's order, from the moment the stream listens (to be sure it listens before placing an order, use <see cref="OpenTradeUpdatesAsync"/>).</returns>
    /// <exception cref="Errors.AlpacaStreamException">Alpaca refused the credentials (402) or the connection limit was reached (406).</exception>
    public IAsyncEnumerable<TradeUpdate> TradeUpdates(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) =>
        ReadAsync(null, buffer, cancellationToken);

    /// <summary>
    /// The order events of the orders whose <c>client_order_id</c> starts with <paramref name="clientOrderIdPrefix"/>
    /// (ordinal): one strategy's own orders among the account's. The others never take a place in this stream's buffer.
    /// </summary>
    /// <param name="clientOrderIdPrefix">The prefix this strategy gives its client order ids, such as <c>"momo-"</c>.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for <see cref="StreamOptions.Buffer"/>.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The matching events, in Alpaca's order, from the moment the stream listens.</returns>
    /// <exception cref="ArgumentException">The prefix is null or empty.</exception>
    public IAsyncEnumerable<TradeUpdate> TradeUpdates(string clientOrderIdPrefix, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderIdPrefix);
        return ReadAsync(PrefixFilter(clientOrderIdPrefix), buffer, cancellationToken);
    }

    /// <summary>
    /// Opens a stream of order events and returns once Alpaca confirmed that it listens: an order placed after this
    /// returns cannot have its events missed. Read it with <see cref="StreamSubscription{T}.WaitToReadAsync"/> and
    /// <see cref="StreamSubscription{T}.TryRead"/>; dispose it to stop.
    /// </summary>
    /// <param name="clientOrderIdPrefix">Keep only orders whose <c>client_order_id</c> starts with this (ordinal); <see langword="null"/> for every order of the account.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for <see cref="StreamOptions.Buffer"/>.</param>
    /// <param name="cancellationToken">Gives up opening.</param>
    /// <exception cref="ArgumentException">The prefix is empty.</exception>
    /// <exception cref="Errors.AlpacaStreamException">Alpaca refused the credentials (402) or the connection limit was reached (406).</exception>
    /// <exception cref="StreamSubscriptionException">Listening was not confirmed in time.</exception>
    public async Task<StreamSubscription<TradeUpdate>> OpenTradeUpdatesAsync(string? clientOrderIdPrefix = null, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default)
    {
        if (clientOrderIdPrefix is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(clientOrderIdPrefix);
        }

        return await OpenAsync(clientOrderIdPrefix is null ? null : PrefixFilter(clientOrderIdPrefix), buffer, cancellationToken).ConfigureAwait(false);
    }

    private static Func<TradeUpdate, bool> PrefixFilter(string prefix) => update => update.Order.ClientOrderId.StartsWith(prefix, StringComparison.Ordinal);

    private async Task<StreamSubscription<TradeUpdate>> OpenAsync(Func<TradeUpdate, bool>? filter, StreamBufferOptions? buffer, CancellationToken cancellationToken)
    {
        var router = await RouterAsync(cancellationToken).ConfigureAwait(false);
        string[] topics = [AlpacaTradingMessages.TradeUpdates];
        return filter is null
            ? await router.OpenAsync<TradeUpdate>(TradeUpdatesChannel, topics, buffer, cancellationToken).ConfigureAwait(false)
            : await router.OpenAsync(TradeUpdatesChannel, topics, filter, buffer, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<TradeUpdate> ReadAsync(Func<TradeUpdate, bool>? filter, StreamBufferOptions? buffer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscription = await OpenAsync(filter, buffer, cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            while (await subscription.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (subscription.TryRead(out var update))
                {
                    yield return update;
                }
            }
        }
    }

    /// <summary>One message object: a trade update is decoded (only if someone in this process listens); replies go to the tracker.</summary>
    /// <returns>The object's length.</returns>
    private static int Dispatch(ReadOnlySpan<byte> json, StreamDispatchContext context)
    {
        // Order events are few: the general reader over the object is fast enough here.
        var reader = new Utf8JsonReader(json);
        reader.Read();
        DispatchObject(ref reader, context);
        return (int)reader.BytesConsumed;
    }

    private static void DispatchObject(ref Utf8JsonReader reader, StreamDispatchContext context)
    {
        var depth = reader.CurrentDepth;
        var stream = StreamKind.Missing;
        var isError = false;
        var hasData = false;
        var data = default(Utf8JsonReader);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream = reader.TokenType != JsonTokenType.String ? StreamKind.Missing
                    : reader.ValueTextEquals(AlpacaTradingMessages.TradeUpdates) ? StreamKind.TradeUpdates
                    : StreamKind.Other;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                // Errors come as {"action":"error","data":{"error_message":…}}, without a stream.
                reader.Read();
                isError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                data = reader;
                hasData = true;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        switch (stream)
        {
            case StreamKind.Missing when isError:
                context.ReportUnrecognized();
                return;
            case StreamKind.Missing:
                context.ReportMissingDiscriminator();
                return;
            case StreamKind.Other:
                context.ReportUnrecognized();
                return;
        }

        if (!context.TryGetTargets(TradeUpdatesChannel, "trade_updates"u8, out var targets))
        {
            return;
        }

        TradeUpdate update;
        try
        {
            update = hasData
                ? TradeUpdateDecoder.Read(ref data, AlpacaDecodeContext.Shared)
                : throw new AlpacaDecodeException("A trade_updates message has no 'data' object.");
        }
#pragma warning disable CA1031 // A message that cannot be decoded is reported and skipped; the reader goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            context.ReportDecodeFailure(TradeUpdatesChannel, exception);
            return;
        }

        context.Deliver(targets, update);
    }

    private enum StreamKind
    {
        Missing,
        TradeUpdates,
        Other,
    }
}
