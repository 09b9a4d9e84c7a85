namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>A message could not be decoded: wrong value type, missing required field, bad timestamp.</summary>
public sealed class AlpacaDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlpacaDecodeException()
        : base("An Alpaca message could not be decoded.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AlpacaDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AlpacaDecodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal static AlpacaDecodeException MissingField(string field, string typeCode) =>
        new($"Message type '{typeCode}' has no '{field}' field.");
}
