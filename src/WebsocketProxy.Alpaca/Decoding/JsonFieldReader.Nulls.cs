using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

internal ref partial struct JsonFieldReader : IAlpacaOptionalFieldReader
{
    /// <inheritdoc />
    // The current token is the value to read next, and reading a value never moves past it: nothing to consume.
    public readonly bool TryReadNull() => _json.TokenType == JsonTokenType.Null;
}
