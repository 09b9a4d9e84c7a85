using System.Collections.Immutable;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Reads the <c>[{"p":…,"s":…}]</c> level arrays of a crypto order book.</summary>
internal static class OrderBookLevelReader
{
    public static ImmutableArray<OrderBookLevel> ReadLevels<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginArray())
        {
            return ImmutableArray<OrderBookLevel>.Empty;
        }

        var levels = ImmutableArray.CreateBuilder<OrderBookLevel>();
        while (reader.TryReadElement())
        {
            if (!reader.BeginObject())
            {
                throw new AlpacaDecodeException("An order book level is null.");
            }

            var price = 0m;
            var size = 0m;
            while (reader.TryReadField(out var name))
            {
                switch (FieldKey.Of(name))
                {
                    case 'p':
                        price = reader.ReadDecimal();
                        break;
                    case 's':
                        size = reader.ReadDecimal();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            levels.Add(new OrderBookLevel(price, size));
        }

        return levels.DrainToImmutable();
    }
}
