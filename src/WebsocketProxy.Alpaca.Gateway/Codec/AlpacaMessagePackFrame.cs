using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Gateway.Codec;

/// <summary>
/// A MessagePack frame as Alpaca sends it, an array of message maps: its messages one by one as spans into the
/// frame (each with its routing key), and the array header to put in front of the messages a client gets.
/// </summary>
internal static class AlpacaMessagePackFrame
{
    /// <summary>Longest array header: code and 32-bit count.</summary>
    public const int MaxArrayHeaderLength = 5;

    /// <summary>The messages of <paramref name="frame"/>, read lazily: a malformed one throws when reached.</summary>
    /// <exception cref="FormatException">The frame does not start with an array header.</exception>
    public static Enumerator Messages(ReadOnlySpan<byte> frame) => new(frame);

    /// <summary>Writes the header of an array of <paramref name="count"/> items in its smallest form; returns its length.</summary>
    public static int WriteArrayHeader(Span<byte> destination, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 16)
        {
            destination[0] = (byte)(0x90 | count);
            return 1;
        }

        if (count <= ushort.MaxValue)
        {
            destination[0] = 0xdc;
            BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)count);
            return 3;
        }

        destination[0] = 0xdd;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)count);
        return 5;
    }

    /// <summary>Writes the header of an array of <paramref name="count"/> items to <paramref name="output"/>.</summary>
    public static void WriteArrayHeader(IBufferWriter<byte> output, int count)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Advance(WriteArrayHeader(output.GetSpan(MaxArrayHeaderLength), count));
    }

    /// <summary>Enumerates a frame's messages: <see cref="Current"/> is the message's bytes, <see cref="Key"/> its routing key.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _frame;
        private int _position;
        private int _left;

        internal Enumerator(ReadOnlySpan<byte> frame)
        {
            var reader = new PackReader(frame);
            _left = reader.ReadArrayHeader();
            _position = reader.Position;
            _frame = frame;
            Count = _left;
            Current = default;
            Key = default;
        }

        /// <summary>The number of messages in the frame.</summary>
        public int Count { get; }

        /// <summary>The current message's bytes (one MessagePack map).</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>The current message's routing key, read with it in the same pass.</summary>
        public AlpacaMessageKey Key { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_left == 0)
            {
                if (_position != _frame.Length)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack frame has {_frame.Length - _position} bytes after its array of {Count} messages."));
                }

                return false;
            }

            _left--;
            Key = AlpacaMessageKey.Read(_frame[_position..]);
            Current = _frame.Slice(_position, Key.Length);
            _position += Key.Length;
            return true;
        }
    }
}
