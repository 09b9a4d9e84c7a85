namespace WebsocketProxy.Alpaca.Gateway.Codec;

/// <summary>
/// Writes JSON text into one span that the caller sized for the worst case
/// (<see cref="AlpacaMessagePackToJson.MaxJsonLength"/>), so no write checks for room or asks for more: the
/// transcoder either fills it and advances its buffer writer once, or fails and leaves the buffer as it was.
/// </summary>
internal ref partial struct JsonSpanWriter
{
    private readonly Span<byte> _buffer;

    public JsonSpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        Written = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public int Written { get; private set; }

    public void WriteByte(byte value) => _buffer[Written++] = value;

    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[Written..]);
        Written += bytes.Length;
    }
}
