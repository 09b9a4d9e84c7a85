namespace WebsocketProxy.Streaming;

/// <summary>The bounded buffer between the shared frame reader and one stream's consumer.</summary>
public sealed record StreamBufferOptions
{
    /// <summary>Lossless streams of up to 10,000 pending messages.</summary>
    public static StreamBufferOptions Default { get; } = new();

    /// <summary>What happens when the buffer is full.</summary>
    public BufferPolicy Policy { get; init; } = BufferPolicy.Wait;

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
