namespace WebsocketProxy.Alpaca.Gateway.Tests.Sdk;

/// <summary>What every SDK process must see: its own data, only its own, and subscription replies listing only its own.</summary>
internal static class SdkAssertions
{
    /// <summary>Waits until the process has received <paramref name="count"/> data events of <paramref name="dataEvent"/> for <paramref name="symbol"/> printed at or after <paramref name="from"/>.</summary>
    public static Task WaitForDataAsync(this SdkProcess process, string dataEvent, string symbol, int count = 2, int from = 0) =>
        process.WaitUntilAsync(
            events => events.Skip(from).Count(e => e.Name == dataEvent && (e.Symbol == symbol || e.NewsSymbols.Contains(symbol))) >= count,
            $"{count} {dataEvent} events of {symbol} from line {from}");

    /// <summary>Waits until the stream is authenticated and the server's subscription reply lists exactly what the process subscribed to.</summary>
    public static async Task WaitUntilSubscribedAsync(this SdkProcess process)
    {
        await process.WaitForEventAsync(e => e.Name == "auth", "the first authentication outcome");
        var auth = process.Events.First(e => e.Name == "auth");
        Assert.True(auth.Json.GetProperty("authenticated").GetBoolean(), $"{process.Name} was not authenticated: {auth}{process.Describe()}");
        await process.WaitUntilAsync(
            events => events.LastOrDefault(e => e.Name == "subscription") is { } last && ListsExactly(last, process.Subscriptions),
            "a subscription reply listing exactly its subscriptions");
    }

    /// <summary>
    /// Every data event belongs to a channel and symbol the process subscribed to (news: any of its symbols), and
    /// every subscription reply listed nothing it did not ask for (the SDK replaces its own list with the reply,
    /// so another client's subscriptions would show there).
    /// </summary>
    public static void AssertOnlyItsOwn(this SdkProcess process)
    {
        var events = process.Events;
        foreach (var data in events.Where(e => e.IsData))
        {
            var subscribed = process.Subscriptions.TryGetValue(data.Channel, out var symbols) ? symbols : [];
            var own = subscribed.Contains("*")
                || (data.Name == "news" ? data.NewsSymbols.Any(subscribed.Contains) : data.Symbol is { } symbol && subscribed.Contains(symbol));
            Assert.True(own, $"{process.Name} received {data}, not one of its subscriptions.{process.Describe()}");
        }

        foreach (var reply in events.Where(e => e.Name == "subscription"))
        {
            foreach (var channel in SdkEvent.ChannelOfData.Values.Distinct())
            {
                var subscribed = process.Subscriptions.TryGetValue(channel, out var symbols) ? symbols : [];
                var foreign = reply.Listed(channel).Except(subscribed).ToList();
                Assert.True(foreign.Count == 0, $"{process.Name}'s subscription reply lists {channel} {string.Join(",", foreign)} it never subscribed to: {reply}{process.Describe()}");
            }
        }

        Assert.DoesNotContain(events, e => e.Name is "text" or "badCommand");
    }

    private static bool ListsExactly(SdkEvent reply, IReadOnlyDictionary<string, string[]> subscriptions) =>
        SdkEvent.ChannelOfData.Values.Distinct().All(channel =>
            reply.Listed(channel).Order(StringComparer.Ordinal).SequenceEqual(
                (subscriptions.TryGetValue(channel, out var symbols) ? symbols : []).Order(StringComparer.Ordinal)));
}
