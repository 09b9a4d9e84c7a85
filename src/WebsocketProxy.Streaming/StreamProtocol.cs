using System.Text;

namespace WebsocketProxy.Streaming;

/// <summary>A streaming protocol as the generator describes it: field names, channels and the element dispatcher.</summary>
public sealed class StreamProtocol
{
    /// <summary>Describes a protocol.</summary>
    /// <param name="name">A name for messages (the generated class's full name).</param>
    /// <param name="discriminator">The JSON property holding the type code.</param>
    /// <param name="symbolField">The JSON property holding the symbol, or <see langword="null"/>.</param>
    /// <param name="channels">The channels, each at its <see cref="StreamChannel.Index"/>.</param>
    /// <param name="dispatcher">Dispatches one message object.</param>
    /// <param name="binaryDispatcher">Dispatches binary frames, when the protocol has them (for MessagePack, the generated one).</param>
    /// <param name="binaryFrames">
    /// What binary frames hold: <see cref="StreamWireFormat.MessagePack"/> (the default), dispatched by
    /// <paramref name="binaryDispatcher"/>, or <see cref="StreamWireFormat.Json"/> (for example Alpaca's paper trading
    /// stream), dispatched like text frames.
    /// </param>
    public StreamProtocol(string name, string discriminator, string? symbolField, IReadOnlyList<StreamChannel> channels, StreamElementDispatcher dispatcher, StreamFrameDispatcher? binaryDispatcher = null, StreamWireFormat binaryFrames = StreamWireFormat.MessagePack)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(discriminator);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (binaryFrames == StreamWireFormat.Json && binaryDispatcher is not null)
        {
            throw new ArgumentException("Binary frames that hold JSON go to the JSON dispatcher; a binary dispatcher would never run.", nameof(binaryDispatcher));
        }

        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i].Index != i)
            {
                throw new ArgumentException($"Channel '{channels[i].Name}' has index {channels[i].Index} but sits at {i}.", nameof(channels));
            }
        }

        Name = name;
        Discriminator = discriminator;
        DiscriminatorUtf8 = Encoding.UTF8.GetBytes(discriminator);
        SymbolField = symbolField;
        Channels = channels;
        Dispatcher = dispatcher;
        BinaryDispatcher = binaryDispatcher;
        BinaryFrames = binaryFrames;
    }

    /// <summary>What binary frames hold: MessagePack (dispatched by <see cref="BinaryDispatcher"/>) or JSON (dispatched like text frames).</summary>
    public StreamWireFormat BinaryFrames { get; }

    /// <summary>Dispatches binary frames, or <see langword="null"/> when binary frames are not expected.</summary>
    public StreamFrameDispatcher? BinaryDispatcher { get; }

    /// <summary>A name for messages.</summary>
    public string Name { get; }

    /// <summary>The JSON property holding the type code.</summary>
    public string Discriminator { get; }

    /// <summary>The JSON property holding the symbol, or <see langword="null"/> for protocols without symbol routing.</summary>
    public string? SymbolField { get; }

    /// <summary>The channels, by index.</summary>
    public IReadOnlyList<StreamChannel> Channels { get; }

    /// <summary>Dispatches one message object.</summary>
    public StreamElementDispatcher Dispatcher { get; }

    internal byte[] DiscriminatorUtf8 { get; }
}
