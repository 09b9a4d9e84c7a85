namespace WebsocketProxy.Alpaca.Errors;

/// <summary>
/// An error reported by an Alpaca stream (<c>{"T":"error"}</c>): the code, the server's own text, and what
/// the proxy does about it. <see cref="Exception.Message"/> explains it for a user.
/// </summary>
public class AlpacaStreamException : Exception
{
    /// <summary>Creates the exception for a server error.</summary>
    public AlpacaStreamException(AlpacaErrorCode code, string serverMessage)
        : this(code, serverMessage, null)
    {
    }

    /// <summary>Creates the exception for a server error with the exception that carried it.</summary>
    public AlpacaStreamException(AlpacaErrorCode code, string serverMessage, Exception? innerException)
        : base($"{AlpacaErrorClassifier.Describe(code)} Server message: \"{serverMessage}\".", innerException)
    {
        Code = code;
        ServerMessage = serverMessage ?? string.Empty;
    }

    /// <summary>Creates the exception with a plain message (code 500).</summary>
    public AlpacaStreamException()
        : this(AlpacaErrorCode.InternalError, string.Empty)
    {
    }

    /// <summary>Creates the exception with a plain message (code 500).</summary>
    public AlpacaStreamException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a plain message and inner exception (code 500).</summary>
    public AlpacaStreamException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = AlpacaErrorCode.InternalError;
        ServerMessage = string.Empty;
    }

    /// <summary>The server's error code.</summary>
    public AlpacaErrorCode Code { get; }

    /// <summary>The server's text, unchanged.</summary>
    public string ServerMessage { get; }

    /// <summary>What a shared-connection proxy does about this error.</summary>
    public AlpacaErrorAction Action => AlpacaErrorClassifier.Classify(Code);

    /// <summary>Whether the affected streams end for good (402, 408, 409, 411).</summary>
    public bool IsFatal => AlpacaErrorClassifier.IsFatal(Code);
}
