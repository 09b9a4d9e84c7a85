using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>One account (one key id): its orders in submission order, its positions, and the seeded ids it hands out.</summary>
internal sealed class TradingAccount(string keyId, int seed)
{
    private readonly Rng _ids = new(Rng.SeedFor(seed, "orders:" + keyId));

    public string KeyId { get; } = keyId;

    public List<SimOrder> Orders { get; } = [];

    public Dictionary<Guid, SimOrder> ById { get; } = [];

    public Dictionary<string, SimOrder> ByClientOrderId { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SimPosition> Positions { get; } = new(StringComparer.Ordinal);

    public TradeEventLog Events { get; } = new(keyId, seed);

    public decimal PositionQty(string symbol) => Positions.TryGetValue(symbol, out var position) ? position.Qty : 0;

    /// <summary>A version-4-shaped id drawn from the account's seeded sequence: the same run gives the same ids.</summary>
    public Guid NextId() => NewGuid(_ids);

    public static Guid NewGuid(Rng rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], rng.NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public void Add(SimOrder order)
    {
        Orders.Add(order);
        ById.Add(order.Id, order);
        ByClientOrderId.Add(order.ClientOrderId, order);
    }
}
