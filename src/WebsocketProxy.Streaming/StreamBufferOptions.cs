namespace WebsocketProxy.Streaming;

/// <summary>The bounded buffer between the shared frame reader and one stream's consumer.</summary>
public sealed record StreamBufferOptions
{
    /// <summary>Every message in order, up to 10,000 pending; a consumer further behind has its stream ended (<see cref="BufferPolicy.Fail"/>).</summary>
    public static StreamBufferOptions Default { get; } = new();

    /// <summary>What happens when the buffer is full; <see cref="BufferPolicy.Fail"/> by default.</summary>
    public BufferPolicy Policy { get; init; } = BufferPolicy.Fail;

    /// <summary>How many messages (or, for <see cref="BufferPolicy.LatestPerSymbol"/>, symbols) the buffer holds.</summary>
    public int Capacity { get; init; } = 10_000;

    internal void Validate()
    {
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), Capacity, "A stream buffer holds at least one message.");
        }

        if (!Enum.IsDefined(Policy))
        {
            throw new ArgumentOutOfRangeException(nameof(Policy), Policy, "Unknown buffer policy.");
        }
    }
}
