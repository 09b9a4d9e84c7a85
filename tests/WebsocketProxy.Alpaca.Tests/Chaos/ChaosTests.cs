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
    public Task StopProxy_PastTheStrategiesWatchdog_NothingIsReportedUntilItResumesThenNothingIsLost() =>
        ChaosRunner.RunAsync(ChaosScenarios.StopProxyPastWatchdog);

    [Fact]
    public Task HalfOpenUpstream_ForASecond_NoReconnectAndEveryStreamResumesOnTheSameConnection() =>
        ChaosRunner.RunAsync(ChaosScenarios.BriefHalfOpenUpstream);

    [Fact]
    public Task DropUpstream_AllConnections_StreamsResumeAfterAReconnectGap() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropUpstream);

    [Fact]
    public Task DropThenRefuse406_RetryOnConnectionLimit_StreamsResumeWhenTheRefusalEnds() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropThenRefuse406(retryOnConnectionLimit: true));

    [Fact]
    public Task DropThenRefuse406_DefaultOptions_StreamsResumeWhenTheRefusalEnds() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropThenRefuse406(retryOnConnectionLimit: false));

    [Fact]
    public Task DropThenRefuse406_For20SecondsThroughTheSimulatorControlInterface_StreamsResumeByThemselves() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropThenRefuse406For20SecondsThroughTheControlInterface);

    [Fact]
    public Task HalfOpenUpstream_PastTheDefaultKeepAlive_DropDetectedWithin30SecondsAndStreamsResume() =>
        ChaosRunner.RunAsync(ChaosScenarios.HalfOpenUpstreamPastTheKeepAlive);

    [Fact]
    public Task Flapping_FourSessionsClosedAfterAuthentication_BackoffGrowsAndStreamsResume() =>
        ChaosRunner.RunAsync(ChaosScenarios.Flapping);

    [Fact]
    public Task DropThenRefuse411_EveryStrategy_EndsWithFailed411() =>
        ChaosRunner.RunAsync(ChaosScenarios.DropThenRefuse411);

    [Fact]
    public Task Refuse408_OnTheFirstConnection_EveryStrategyEndsWithFailed408() =>
        ChaosRunner.RunAsync(ChaosScenarios.Refuse408AtFirstConnection);

    /// <summary>
    /// A field failure this suite found: the restarted proxy's connection is a first open to it, so the 406 for the
    /// killed proxy's session (counted ~90 s by Alpaca) is fatal with the default options and every strategy prints
    /// FAILED 406 (seen 2026-12-03: GAP False, ERROR 406, FAILED 406 in each). The fix is for the clients' recovery
    /// to mark its re-opens so that the new proxy treats that 406 as retry-after-drop (a wire change to the open
    /// command, client and server).
    /// </summary>
    [Fact(Skip = "Known field failure: after kill -9 of the proxy, the new proxy's first open gets 406 for the dead session and the recovering clients fail instead of waiting it out; needs recovery re-opens marked as after-a-drop.")]
    public Task KillProxy_WhileTheServiceCountsTheDeadSession_StreamsWaitOutThe406AndResume() =>
        ChaosRunner.RunAsync(ChaosScenarios.KillProxyWithDeadSessionLinger);
}
