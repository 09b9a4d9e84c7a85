using System.Text;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Decodes a frame with a fresh context and collects messages and errors.</summary>
internal sealed class FrameDecoding
{
    private FrameDecoding(List<IAlpacaMessage> messages, List<AlpacaDecodeError> errors, long errorCount)
    {
        Messages = messages;
        Errors = errors;
        ErrorCount = errorCount;
    }

    public List<IAlpacaMessage> Messages { get; }

    public List<AlpacaDecodeError> Errors { get; }

    public long ErrorCount { get; }

    public static FrameDecoding Run(AlpacaStreamKind stream, string frame)
    {
        var errors = new List<AlpacaDecodeError>();
        var decoder = new AlpacaFrameDecoder(stream, new AlpacaDecodeContext(), errors.Add);
        var messages = new List<IAlpacaMessage>();
        decoder.Decode(Encoding.UTF8.GetBytes(frame), messages);
        return new FrameDecoding(messages, errors, decoder.ErrorCount);
    }

    public static T Single<T>(AlpacaStreamKind stream, string frame)
    {
        var result = Run(stream, frame);
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(Assert.Single(result.Messages));
    }
}
