using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Opens a stream of every symbol of one type code on a session, and reads it with a bounded wait.</summary>
internal static class DispatchProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<StreamSubscription<T>> OpenAllAsync<T>(StreamRouter session, string typeCode)
    {
        var channel = session.Protocol.Channels.Single(c => c.TypeCode == typeCode).Index;
        return await session.OpenAsync<T>(channel, [StreamArguments.AllSymbols]).AsTask().WaitAsync(Timeout);
    }

    public static async Task<T> NextAsync<T>(this StreamSubscription<T> subscription)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (await subscription.WaitToReadAsync(timeout.Token))
        {
            if (subscription.TryRead(out var item))
            {
                return item;
            }
        }

        throw new InvalidOperationException("The stream ended before a message arrived.");
    }
}
