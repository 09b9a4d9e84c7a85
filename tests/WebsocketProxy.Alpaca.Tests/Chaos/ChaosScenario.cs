namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// A chaos scenario: a fault done to a running world (several strategy processes streaming through one proxy),
/// then what the scenario expects of it. <see cref="ChaosRunner"/> adds the checks every scenario shares.
/// </summary>
/// <param name="Name">For failure messages.</param>
/// <param name="Setup">The world it needs.</param>
/// <param name="Fault">What goes wrong; returns once the fault has happened (and ended, for a stop or an outage).</param>
/// <param name="Expect">How the world must come through it; bounded waits that fail with every output.</param>
/// <param name="StreamsEnd">
/// The fault is fatal by design (408, 411): <paramref name="Expect"/> checks every stream ended with its error, and
/// the checks of a world that comes back (fresh data, no FAILED, subscriptions held) do not apply.
/// </param>
internal sealed record ChaosScenario(string Name, ChaosSetup Setup, Func<ChaosWorld, ChaosMarks, Task> Fault, Func<ChaosWorld, ChaosMarks, Task> Expect, bool StreamsEnd = false);
