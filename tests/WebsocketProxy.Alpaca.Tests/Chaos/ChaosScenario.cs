namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// A chaos scenario: a fault done to a running world (several strategy processes streaming through one proxy),
/// then what the scenario expects of it. <see cref="ChaosRunner"/> adds the checks every scenario shares.
/// </summary>
/// <param name="Name">For failure messages.</param>
/// <param name="Setup">The world it needs.</param>
/// <param name="Fault">What goes wrong; returns once the fault has happened (and ended, for a stop or an outage).</param>
/// <param name="Expect">How the world must come through it; bounded waits that fail with every output.</param>
internal sealed record ChaosScenario(string Name, ChaosSetup Setup, Func<ChaosWorld, ChaosMarks, Task> Fault, Func<ChaosWorld, ChaosMarks, Task> Expect);
