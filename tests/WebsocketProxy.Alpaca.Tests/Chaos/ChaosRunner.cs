using System.Globalization;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// Runs a <see cref="ChaosScenario"/> and then checks what every scenario must leave behind: no stream hangs (each
/// running strategy prints fresh data), none failed, every GAP line carries its counts, and each strategy's
/// subscription is held once again in the proxy.
/// </summary>
internal static class ChaosRunner
{
    public static async Task RunAsync(ChaosScenario scenario)
    {
        await using var world = await ChaosWorld.StartAsync(scenario.Setup);
        var marks = new ChaosMarks(world.Strategies);
        try
        {
            await scenario.Fault(world, marks);
            await scenario.Expect(world, marks);
            if (scenario.StreamsEnd)
            {
                return;
            }

            await ExpectEveryStreamAsync(world);
            ExpectNoFailure(world);
            await ExpectSubscriptionsHeldOnceAsync(world);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Chaos scenario '{scenario.Name}' failed: {ex.Message}\n{world.Describe()}", ex);
        }
    }

    /// <summary>A GAP line's parts: <c>GAP reconnected lost outage-ms</c>.</summary>
    public static (bool Reconnected, long Lost, TimeSpan Outage) ParseGap(string line)
    {
        var parts = line.Split(' ');
        if (parts is not ["GAP", var reconnected, var lost, var outage])
        {
            throw new FormatException($"Not a GAP line with its counts: '{line}'.");
        }

        return (bool.Parse(reconnected), long.Parse(lost, CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(long.Parse(outage, CultureInfo.InvariantCulture)));
    }

    private static async Task ExpectEveryStreamAsync(ChaosWorld world)
    {
        var marks = world.Strategies.Select(s => (Strategy: s, Mark: s.Mark())).ToArray();
        await Task.WhenAll(marks.Select(m => m.Strategy.FreshTradeAsync(m.Mark)));
    }

    private static void ExpectNoFailure(ChaosWorld world)
    {
        foreach (var strategy in world.Strategies)
        {
            Assert.Empty(strategy.LinesSince(0, "FAILED"));
            foreach (var gap in strategy.LinesSince(0, "GAP"))
            {
                _ = ParseGap(gap);
            }
        }
    }

    private static Task ExpectSubscriptionsHeldOnceAsync(ChaosWorld world) =>
        world.WaitForStatusAsync(
            status => status.Clients.Count(c => c.Name == ChaosWorld.StrategyName) == world.Strategies.Count
                && world.Strategies.All(s => status.ClientOf(s.Pid) is not null && status.HoldersOf(s.Symbol) == 1),
            "every running strategy registered and its symbol held exactly once");
}
