namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// Field failures done to real processes while several strategy processes stream through one proxy: each must
/// report its loss as a Gap with its count, resume, and leave its subscriptions held again. One class, so the
/// scenarios run one after another (each starts and kills several processes).
/// </summary>
public sealed class ChaosTests
{
    [Fact]
    public Task KillProxy_ThreeStrategiesStreaming_EachReportsTheGapAndGetsDataFromTheRestartedProxy() =>
        ChaosRunner.RunAsync(ChaosScenarios.KillProxy);

    [Fact]
    public Task KillClient_OneOfThree_OthersUnaffectedItsSubscriptionReleasedAndARestartGetsData() =>
        ChaosRunner.RunAsync(ChaosScenarios.KillClient);

    [Fact]
    public Task KillUpstream_SimulatorRestartedOnTheSamePort_StreamsResumeAfterAReconnectGap() =>
        ChaosRunner.RunAsync(ChaosScenarios.KillUpstream);

    [Fact]
    public Task StopReader_UntilTheRingLapsIt_ItGetsAGapWithTheExactLostCountAndOthersLoseNothing() =>
        ChaosRunner.RunAsync(ChaosScenarios.StopReaderUntilLapped);

    [Fact]
    public Task StopProxy_Briefly_EveryStreamResumesWithNothingLost() =>
        ChaosRunner.RunAsync(ChaosScenarios.StopProxyBriefly);

    [Fact]
    public Task StopProxy_PastItsHeartbeatBound_EveryStrategyIsToldThenGetsAGapWithTheOutageAndData() =>
        ChaosRunner.RunAsync(ChaosScenarios.StopProxyPastHeartbeat);

    [Fact]
    public Task HalfOpenUpstream_ForASecond_NoReconnectAndEveryStreamResumesOnTheSameConnection() =>
        ChaosRunner.RunAsync(ChaosScenarios.BriefHalfOpenUpstream);

    [Fact]
    public Task DropUpstream_AllConnections_StreamsResumeAfterAReconnectGap() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropUpstream);

    [Fact]
    public Task DropThenRefuse406_RetryOnConnectionLimit_StreamsResumeWhenTheRefusalEnds() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropThenRefuse406(retryOnConnectionLimit: true));

    /// <summary>The default-options version: main's proxy ends the streams on this 406; branch <c>net</c> retries it.</summary>
    [Fact(Skip = "Needs branch net (a 406 right after a drop is retried within a window with the default options): enable when it is merged.")]
    public Task DropThenRefuse406_DefaultOptions_StreamsResumeWhenTheRefusalEnds() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropThenRefuse406(retryOnConnectionLimit: false));
}
