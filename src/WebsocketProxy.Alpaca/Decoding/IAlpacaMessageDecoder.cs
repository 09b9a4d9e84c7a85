namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Decodes one message of type <typeparamref name="TModel"/> from any wire format. A dispatcher that has read
/// the type code calls <c>TDecoder.Read(ref reader)</c> with the reader positioned on the message's map.
/// </summary>
/// <typeparam name="TModel">The model the decoder produces.</typeparam>
internal interface IAlpacaMessageDecoder<out TModel>
{
    /// <summary>Reads the message whose map starts at the reader's current value, up to the map's end.</summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    static abstract TModel Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct;
}
