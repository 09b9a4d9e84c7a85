namespace WebsocketProxy.Ipc.Tests.Platform;

/// <summary>The Windows waker reads the sleeper count from the int after the eventcount's word (IWaitStrategy.Wake gets the word only).</summary>
public sealed class EventCountLayoutTests
{
    [Fact]
    public void WaitersOffset_EveryRingLayout_TheIntAfterTheWord()
    {
        Assert.Equal(BroadcastLayout.FutexWordOffset + sizeof(int), BroadcastLayout.WaitersOffset);
        Assert.Equal(MessageRingLayout.DataWordOffset + sizeof(int), MessageRingLayout.DataWaitersOffset);
        Assert.Equal(MessageRingLayout.SpaceWordOffset + sizeof(int), MessageRingLayout.SpaceWaitersOffset);
    }
}
