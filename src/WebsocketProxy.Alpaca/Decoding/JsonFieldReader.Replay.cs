using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

public ref partial struct JsonFieldReader
{
    /// <summary>
    /// Continues a message whose <c>T</c> and <c>S</c> the frame scan already read (and nothing else): the
    /// decoder is handed those two fields first, then the rest from <paramref name="json"/>, which stands on
    /// the last value the scan read. This saves reading the message's start twice in the common case.
    /// </summary>
    internal JsonFieldReader(Utf8JsonReader json, AlpacaDecodeContext context, string typeCode, string? symbol)
        : this(json, context)
    {
        _replay = ReplayState.Start;
        _replayType = typeCode;
        _replaySymbol = symbol;
    }

    private enum ReplayState
    {
        None,
        Start,
        Fields,
        Value,
    }

    private bool TryReplayField(out ReadOnlySpan<byte> name)
    {
        if (_replay == ReplayState.Fields && _replayType is not null)
        {
            name = "T"u8;
            _replayValue = _replayType;
            _replayType = null;
            _replay = ReplayState.Value;
            return true;
        }

        if (_replay == ReplayState.Fields && _replaySymbol is not null)
        {
            name = "S"u8;
            _replayValue = _replaySymbol;
            _replaySymbol = null;
            _replay = ReplayState.Value;
            return true;
        }

        if (_replay is ReplayState.Start or ReplayState.Value)
        {
            throw new InvalidOperationException("The decoder broke the field-reader protocol: one value read per field, after BeginObject.");
        }

        _replay = ReplayState.None;
        name = default;
        return false;
    }

    private string TakeReplayedValue()
    {
        _replay = ReplayState.Fields;
        return _replayValue!;
    }
}
