using System.Collections.Immutable;
using System.Text.Json;
using WebsocketProxy.Alpaca.Trading;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes Alpaca's order object, as trade updates carry it and the order REST calls return it.</summary>
internal static class OrderDecoder
{
    /// <summary>Reads an <see cref="Order"/> from JSON; <paramref name="json"/> stands on the object's start and is left on its end.</summary>
    public static Order Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var order = Read(ref reader);
        json = reader.Json;
        return order;
    }

    /// <summary>
    /// Reads a <see cref="Order"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static Order ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>Reads a JSON array of orders (the order list call); <paramref name="json"/> stands on its start and is left on its end.</summary>
    public static ImmutableArray<Order> ReadList(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var orders = ReadArray(ref reader);
        json = reader.Json;
        return orders;
    }

    /// <summary>
    /// Reads an <see cref="Order"/> from any wire format that tells null from empty: the reader stands on the order's
    /// map and is left at its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">The order is null, has no <c>id</c>, or a value has the wrong type.</exception>
    public static Order Read<TReader>(ref TReader reader)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("An order is null.");
        }

        Guid? id = null;
        string clientOrderId = string.Empty;
        AlpacaTimestamp? createdAt = null;
        AlpacaTimestamp? updatedAt = null;
        AlpacaTimestamp? submittedAt = null;
        AlpacaTimestamp? filledAt = null;
        AlpacaTimestamp? expiredAt = null;
        AlpacaTimestamp? expiresAt = null;
        AlpacaTimestamp? canceledAt = null;
        AlpacaTimestamp? failedAt = null;
        AlpacaTimestamp? replacedAt = null;
        Guid? replacedBy = null;
        Guid? replaces = null;
        Guid? assetId = null;
        string symbol = string.Empty;
        AssetClass assetClass = default;
        decimal? notional = null;
        decimal? quantity = null;
        decimal filledQuantity = 0m;
        decimal? filledAveragePrice = null;
        OrderClass orderClass = OrderClass.Simple;
        OrderType type = default;
        OrderSide side = default;
        TimeInForce timeInForce = default;
        decimal? limitPrice = null;
        decimal? stopPrice = null;
        bool extendedHours = false;
        ImmutableArray<Order> legs = ImmutableArray<Order>.Empty;
        decimal? trailPercent = null;
        decimal? trailPrice = null;
        decimal? highWaterMark = null;
        PositionIntent? positionIntent = null;
        decimal? ratioQuantity = null;
        string? source = null;
        string? subtag = null;
        var status = OrderStatus.Unknown;
        var statusText = string.Empty;
        OrderType? deprecatedType = null;
        var hasType = false;
        while (reader.TryReadField(out var name))
        {
            if (name.SequenceEqual("id"u8))
            {
                id = OptionalGuid(ref reader, "id");
            }
            else if (name.SequenceEqual("client_order_id"u8))
            {
                clientOrderId = reader.ReadString();
            }
            else if (name.SequenceEqual("created_at"u8))
            {
                createdAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("updated_at"u8))
            {
                updatedAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("submitted_at"u8))
            {
                submittedAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("filled_at"u8))
            {
                filledAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("expired_at"u8))
            {
                expiredAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("expires_at"u8))
            {
                expiresAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("canceled_at"u8))
            {
                canceledAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("failed_at"u8))
            {
                failedAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("replaced_at"u8))
            {
                replacedAt = OptionalTimestamp(ref reader);
            }
            else if (name.SequenceEqual("replaced_by"u8))
            {
                replacedBy = OptionalGuid(ref reader, "replaced_by");
            }
            else if (name.SequenceEqual("replaces"u8))
            {
                replaces = OptionalGuid(ref reader, "replaces");
            }
            else if (name.SequenceEqual("asset_id"u8))
            {
                assetId = OptionalGuid(ref reader, "asset_id");
            }
            else if (name.SequenceEqual("symbol"u8))
            {
                symbol = reader.ReadInternedString();
            }
            else if (name.SequenceEqual("asset_class"u8))
            {
                assetClass = TradingWireNames.ParseAssetClass(reader.ReadInternedString());
            }
            else if (name.SequenceEqual("notional"u8))
            {
                notional = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("qty"u8))
            {
                quantity = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("filled_qty"u8))
            {
                filledQuantity = reader.ReadDecimal();
            }
            else if (name.SequenceEqual("filled_avg_price"u8))
            {
                filledAveragePrice = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("order_class"u8))
            {
                var text = reader.ReadInternedString();
                orderClass = text.Length == 0 ? OrderClass.Simple : TradingWireNames.ParseOrderClass(text);
            }
            else if (name.SequenceEqual("type"u8))
            {
                hasType = true;
                type = TradingWireNames.ParseOrderType(reader.ReadInternedString());
            }
            else if (name.SequenceEqual("order_type"u8))
            {
                deprecatedType = TradingWireNames.ParseOrderType(reader.ReadInternedString());
            }
            else if (name.SequenceEqual("side"u8))
            {
                side = TradingWireNames.ParseOrderSide(reader.ReadInternedString());
            }
            else if (name.SequenceEqual("time_in_force"u8))
            {
                timeInForce = TradingWireNames.ParseTimeInForce(reader.ReadInternedString());
            }
            else if (name.SequenceEqual("limit_price"u8))
            {
                limitPrice = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("stop_price"u8))
            {
                stopPrice = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("status"u8))
            {
                var text = reader.ReadInternedString();
                status = TradingWireNames.ParseOrderStatus(text);
                statusText = text;
            }
            else if (name.SequenceEqual("extended_hours"u8))
            {
                extendedHours = reader.ReadBoolean();
            }
            else if (name.SequenceEqual("legs"u8))
            {
                legs = ReadArray(ref reader);
            }
            else if (name.SequenceEqual("trail_percent"u8))
            {
                trailPercent = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("trail_price"u8))
            {
                trailPrice = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("hwm"u8))
            {
                highWaterMark = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("position_intent"u8))
            {
                positionIntent = reader.TryReadNull() ? null : NonEmpty(TradingWireNames.ParsePositionIntent(reader.ReadInternedString()));
            }
            else if (name.SequenceEqual("ratio_qty"u8))
            {
                ratioQuantity = OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("source"u8))
            {
                source = OptionalString(ref reader);
            }
            else if (name.SequenceEqual("subtag"u8))
            {
                subtag = OptionalString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new Order
        {
            Id = id ?? throw new AlpacaDecodeException("An order has no 'id' field."),
            Type = hasType || deprecatedType is null ? type : deprecatedType.Value,
            ClientOrderId = clientOrderId,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            SubmittedAt = submittedAt,
            FilledAt = filledAt,
            ExpiredAt = expiredAt,
            ExpiresAt = expiresAt,
            CanceledAt = canceledAt,
            FailedAt = failedAt,
            ReplacedAt = replacedAt,
            ReplacedBy = replacedBy,
            Replaces = replaces,
            AssetId = assetId,
            Symbol = symbol,
            AssetClass = assetClass,
            Notional = notional,
            Quantity = quantity,
            FilledQuantity = filledQuantity,
            FilledAveragePrice = filledAveragePrice,
            OrderClass = orderClass,
            Side = side,
            TimeInForce = timeInForce,
            LimitPrice = limitPrice,
            StopPrice = stopPrice,
            ExtendedHours = extendedHours,
            Legs = legs,
            TrailPercent = trailPercent,
            TrailPrice = trailPrice,
            HighWaterMark = highWaterMark,
            PositionIntent = positionIntent,
            RatioQuantity = ratioQuantity,
            Source = source,
            Subtag = subtag,
            Status = status,
            StatusText = statusText,
        };
    }

    /// <summary>Reads an array of orders, or an empty one for null.</summary>
    public static ImmutableArray<Order> ReadArray<TReader>(ref TReader reader)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
    {
        if (!reader.BeginArray())
        {
            return ImmutableArray<Order>.Empty;
        }

        var orders = ImmutableArray.CreateBuilder<Order>();
        while (reader.TryReadElement())
        {
            orders.Add(Read(ref reader));
        }

        return orders.DrainToImmutable();
    }

    internal static decimal? OptionalDecimal<TReader>(ref TReader reader)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
        => reader.TryReadNull() ? null : reader.ReadDecimal();

    internal static AlpacaTimestamp? OptionalTimestamp<TReader>(ref TReader reader)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
        => reader.TryReadNull() ? null : reader.ReadTimestamp();

    internal static Guid? OptionalGuid<TReader>(ref TReader reader, string field)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
    {
        // Multi-leg orders send "" for the fields that only their legs have.
        var text = reader.TryReadNull() ? string.Empty : reader.ReadString();
        return text.Length == 0 ? null
            : Guid.TryParse(text, out var id) ? id
            : throw new AlpacaDecodeException($"'{field}' is '{text}', not a UUID.");
    }

    private static string? OptionalString<TReader>(ref TReader reader)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
        => reader.TryReadNull() ? null : reader.ReadString();

    private static PositionIntent? NonEmpty(PositionIntent intent) => intent == Trading.PositionIntent.Unknown ? null : intent;
}
