namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>One element of a frame that could not be decoded.</summary>
/// <param name="Kind">Why.</param>
/// <param name="ElementIndex">Zero-based position of the element in the frame (-1 for the frame itself).</param>
/// <param name="TypeCode">The element's <c>T</c> if it was read.</param>
/// <param name="Message">What went wrong, for logs.</param>
public readonly record struct AlpacaDecodeError(AlpacaDecodeErrorKind Kind, int ElementIndex, string? TypeCode, string Message);
