using System.Net;

namespace WebsocketProxy.Alpaca.Trading;

/// <summary>
/// Alpaca refused an order call: the HTTP status, and Alpaca's own <c>{"code","message"}</c> when it sent one
/// (403 "insufficient buying power", 404 "order not found", 422 "qty must be > 0", 401 for wrong credentials...).
/// </summary>
public sealed class AlpacaApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlpacaApiException()
        : this("An Alpaca API call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AlpacaApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AlpacaApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ServerMessage = string.Empty;
    }

    /// <summary>Creates the exception for a refused call.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="code">Alpaca's error code, when it sent one.</param>
    /// <param name="serverMessage">Alpaca's message, or the response body when it was not Alpaca's error shape.</param>
    /// <param name="request">What was asked, for the message (method and path, never credentials).</param>
    public AlpacaApiException(HttpStatusCode statusCode, long? code, string serverMessage, string request)
        : base($"{request} failed with {(int)statusCode} {statusCode}{(code is null ? string.Empty : $", Alpaca code {code}")}: {(string.IsNullOrEmpty(serverMessage) ? "(no message)" : serverMessage)}")
    {
        StatusCode = statusCode;
        Code = code;
        ServerMessage = serverMessage ?? string.Empty;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Alpaca's error code (<c>code</c>), such as 40310000, when the body carried one.</summary>
    public long? Code { get; }

    /// <summary>Alpaca's message (<c>message</c>), unchanged.</summary>
    public string ServerMessage { get; }
}
