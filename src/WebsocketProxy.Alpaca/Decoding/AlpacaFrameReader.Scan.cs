using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

public ref partial struct AlpacaFrameReader
{
    private bool MoveNextCore()
    {
        switch (_state)
        {
            case State.Done:
                return false;
            case State.OnElement:
                _state = State.BetweenElements;
                _json = _elementStart;
                _json.Skip();
                break;
            case State.NotStarted:
                if (!_json.Read() || _json.TokenType != JsonTokenType.StartArray)
                {
                    _state = State.Done;
                    ElementIndex = -1;
                    Report(AlpacaDecodeErrorKind.NotAnArray, "A frame must be a JSON array of messages.");
                    return false;
                }

                _state = State.BetweenElements;
                break;
        }

        while (ReadOrFault() && _json.TokenType != JsonTokenType.EndArray)
        {
            ElementIndex++;
            _typeCode = default;
            Symbol = null;
            if (_json.TokenType != JsonTokenType.StartObject)
            {
                Report(AlpacaDecodeErrorKind.MissingType, $"Element {ElementIndex} is a {_json.TokenType}, not a message object.");
                _json.Skip();
                continue;
            }

            _elementStart = _json;
            if (ScanTypeAndSymbol())
            {
                _state = State.OnElement;
                return true;
            }

            Report(AlpacaDecodeErrorKind.MissingType, $"Element {ElementIndex} has no string 'T'.");
            _json = _elementStart;
            _json.Skip();
        }

        _state = State.Done;
        return false;
    }

    // Reads the element's fields until both T and S are known; messages without S (news, control) are
    // recognised by their type code so the scan stops there too.
    private bool ScanTypeAndSymbol()
    {
        var hasType = false;
        var needsSymbol = true;
        _headerOnly = true;
        while (_json.Read() && _json.TokenType == JsonTokenType.PropertyName)
        {
            var isType = _json.ValueTextEquals("T"u8);
            var isSymbol = !isType && _json.ValueTextEquals("S"u8);
            _json.Read();
            if (isType && _json.TokenType == JsonTokenType.String)
            {
                _typeCode = _json.ValueIsEscaped ? Encoding.UTF8.GetBytes(_json.GetString()!) : _json.ValueSpan;
                hasType = true;
                needsSymbol = Symbol is null && _typeCode.Length == 1 && _typeCode[0] != 'n';
            }
            else if (isSymbol && _json.TokenType == JsonTokenType.String)
            {
                Symbol = _json.ValueIsEscaped || _json.HasValueSequence
                    ? new JsonFieldReader(_json, _context).ReadInternedString()
                    : _context.Intern(_json.ValueSpan);
                needsSymbol = false;
            }
            else
            {
                _headerOnly = false;
                _json.Skip();
            }

            if (hasType && !needsSymbol)
            {
                return true;
            }
        }

        // The scan reached the end of the object: decoding must start over from the checkpoint.
        _headerOnly = false;
        return hasType;
    }

    private bool SkipFromCheckpoint()
    {
        try
        {
            _json = _elementStart;
            _json.Skip();
            return false;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            Fault(exception.Message);
            return false;
        }
    }

    // Read() returns false only when the input ends; inside the array that means the frame was cut short.
    private bool ReadOrFault()
    {
        if (_json.Read())
        {
            return true;
        }

        Fault("The frame ends before its closing ']'.");
        return false;
    }

    private void Fault(string reason)
    {
        IsFaulted = true;
        _state = State.Done;
        Report(AlpacaDecodeErrorKind.MalformedJson, $"Malformed JSON: {reason}");
    }

    private void Report(AlpacaDecodeErrorKind kind, string message)
    {
        ErrorCount++;
        _onError?.Invoke(new AlpacaDecodeError(
            kind,
            ElementIndex,
            _typeCode.IsEmpty ? null : Encoding.UTF8.GetString(_typeCode),
            message));
    }
}
