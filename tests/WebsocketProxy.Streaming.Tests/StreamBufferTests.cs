using WebsocketProxy.Streaming.Tests.Support;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>The three buffer policies; the producer (the shared reader) never waits in any of them.</summary>
public sealed class StreamBufferTests
{
    [Fact]
    public void DropOldest_Full_DropsAndCountsTheOldest()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.DropOldest, Capacity = 2 });

        for (var i = 1; i <= 5; i++)
        {
            buffer.Post(i, null);
        }

        Assert.Equal(3, buffer.Dropped);
        Assert.Equal([4, 5], Drain(buffer));
    }

    [Fact]
    public void LatestPerSymbol_KeepsTheNewestPerSymbolInFirstArrivalOrder()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.LatestPerSymbol, Capacity = 10 });

        buffer.Post(1, "AAPL");
        buffer.Post(2, "MSFT");
        buffer.Post(3, "AAPL");
        buffer.Post(4, "AAPL");

        Assert.Equal(2, buffer.Dropped);
        Assert.Equal([4, 2], Drain(buffer));
    }

    [Fact]
    public void LatestPerSymbol_MoreSymbolsThanCapacity_DropsTheOldestSymbol()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.LatestPerSymbol, Capacity = 2 });

        buffer.Post(1, "A");
        buffer.Post(2, "B");
        buffer.Post(3, "C");

        Assert.Equal(1, buffer.Dropped);
        Assert.Equal([2, 3], Drain(buffer));
    }

    [Fact]
    public async Task Fail_FallingAWholeBufferBehind_EndsWithOverflowAfterTheBufferedItems()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.Fail, Capacity = 3 });

        for (var i = 1; i <= 5; i++)
        {
            buffer.Post(i, null);
        }

        Assert.Equal(0, buffer.Dropped);
        Assert.Equal([1, 2, 3], Drain(buffer));
        await Assert.ThrowsAsync<StreamOverflowException>(async () => await buffer.WaitToReadAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task Fail_TakenBatchPartlyRead_CountsOnlyItsUnreadItemsAgainstTheCapacity()
    {
        // The consumer takes the whole queue at its first read (batched mode): what it has not read yet still counts,
        // what it has read does not.
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.Fail, Capacity = 3 });
        buffer.Post(1, null);
        buffer.Post(2, null);
        buffer.Post(3, null);
        Assert.True(buffer.TryRead(out var first));
        Assert.Equal(1, first);
        Assert.Equal(2, buffer.Count);

        buffer.Post(4, null); // 2, 3 taken and unread, 4 queued: full, not over
        Assert.Equal(3, buffer.Count);
        buffer.Post(5, null); // a fourth unread message: over the capacity

        Assert.Equal([2, 3, 4], Drain(buffer));
        await Assert.ThrowsAsync<StreamOverflowException>(async () => await buffer.WaitToReadAsync(CancellationToken.None).Within());
    }

    [Fact]
    public void Fail_TakenBatchFullyRead_LeavesTheWholeCapacityForTheProducer()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.Fail, Capacity = 3 });
        for (var round = 0; round < 4; round++)
        {
            for (var i = 1; i <= 3; i++)
            {
                buffer.Post((round * 10) + i, null);
            }

            Assert.Equal([(round * 10) + 1, (round * 10) + 2, (round * 10) + 3], Drain(buffer));
            Assert.Equal(0, buffer.Count);
        }
    }

    [Fact]
    public void Fail_PostsWhileTheConsumerReadsItsBatch_AreReadAfterTheBatchInOrder()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.Fail, Capacity = 100 });
        buffer.Post(1, null);
        buffer.Post(2, null);
        Assert.True(buffer.TryRead(out var item));
        Assert.Equal(1, item);

        buffer.Post(3, null); // queued behind the consumer's batch (2)
        buffer.Post(4, null);

        Assert.Equal([2, 3, 4], Drain(buffer));
    }

    [Fact]
    public async Task Complete_WhileTheConsumerHoldsABatch_EndsAfterTheBatchAndTheQueue()
    {
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Policy = BufferPolicy.Fail, Capacity = 100 });
        buffer.Post(1, null);
        buffer.Post(2, null);
        Assert.True(buffer.TryRead(out var first)); // takes 1 and 2
        Assert.Equal(1, first);
        buffer.Post(3, null);
        var failure = new StreamClosedException("gone", null);

        buffer.Complete(failure);
        buffer.Post(4, null); // after the end: not delivered

        Assert.Equal([2, 3], Drain(buffer));
        var thrown = await Assert.ThrowsAsync<StreamClosedException>(async () => await buffer.WaitToReadAsync(CancellationToken.None).Within());
        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task WaitToReadAsync_Empty_CompletesWhenAnItemIsPosted()
    {
        var buffer = new StreamBuffer<string>(StreamBufferOptions.Default);
        var wait = buffer.WaitToReadAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);

        buffer.Post("x", null);

        Assert.True(await wait.Within());
        Assert.True(buffer.TryRead(out var item));
        Assert.Equal("x", item);
    }

    [Fact]
    public async Task Complete_WithoutError_EndsAfterDraining()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);
        buffer.Post(1, null);
        buffer.Complete(null);
        buffer.Post(2, null);

        Assert.True(await buffer.WaitToReadAsync(CancellationToken.None).Within());
        Assert.Equal([1], Drain(buffer));
        Assert.False(await buffer.WaitToReadAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task WaitToReadAsync_CompletedWhileWaiting_ReturnsFalse()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);
        var wait = buffer.WaitToReadAsync(CancellationToken.None);

        buffer.Complete(null);

        Assert.False(await wait.Within());
        Assert.False(await buffer.WaitToReadAsync(CancellationToken.None).Within());
    }

    [Fact]
    public async Task WaitToReadAsync_FailedWhileWaiting_ThrowsTheFailure()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);
        var wait = buffer.WaitToReadAsync(CancellationToken.None);
        var failure = new StreamClosedException("gone");

        buffer.Complete(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<StreamClosedException>(() => wait.Within()));
    }

    [Fact]
    public async Task WaitToReadAsync_CancelledWhileWaiting_ThrowsAndTheNextWaitStillWorks()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);
        using var cancellation = new CancellationTokenSource();
        var wait = buffer.WaitToReadAsync(cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
        var next = buffer.WaitToReadAsync(CancellationToken.None);
        buffer.Post(7, null);
        Assert.True(await next.Within());
        Assert.Equal([7], Drain(buffer));
    }

    [Fact]
    public async Task WaitToReadAsync_AlreadyCancelled_ThrowsWithoutWaiting()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);

        var wait = buffer.WaitToReadAsync(new CancellationToken(canceled: true));

        Assert.True(wait.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Within());
    }

    [Fact]
    public async Task WaitToReadAsync_SecondWaitWhileOneIsOutstanding_Throws()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);
        var first = buffer.WaitToReadAsync(CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => buffer.WaitToReadAsync(CancellationToken.None));

        buffer.Post(1, null);
        Assert.True(await first.Within());
    }

    [Fact]
    public void WaitToReadAsync_ManyWaitsWithACancellableToken_AllocateNothingPerWait()
    {
        var buffer = new StreamBuffer<int>(StreamBufferOptions.Default);
        using var cancellation = new CancellationTokenSource();
        WaitPostRead(buffer, cancellation.Token, 100); // warm: JIT, queue growth, the token source's registration node

        var before = GC.GetAllocatedBytesForCurrentThread();
        WaitPostRead(buffer, cancellation.Token, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A TaskCompletionSource and its task per wait alone would be more than 1 MB here.
        Assert.True(allocated < 1_000, $"10,000 waits allocated {allocated} B.");
    }

    [Fact]
    public async Task WaitToReadAsync_ProducerRacingTheConsumer_DeliversEveryItemInOrder()
    {
        const int Count = 200_000;
        var buffer = new StreamBuffer<int>(new StreamBufferOptions { Capacity = Count });
        using var cancellation = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < Count; i++)
            {
                buffer.Post(i, null);
            }

            buffer.Complete(null);
        });

        var expected = 0;
        while (await buffer.WaitToReadAsync(cancellation.Token))
        {
            while (buffer.TryRead(out var item))
            {
                Assert.Equal(expected++, item);
            }
        }

        await producer.Within();
        Assert.Equal(Count, expected);
    }

    [Fact]
    public async Task DropOldestStream_SlowConsumer_CountsDropsVisibleThroughTheSession()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new Protocols.StockStream(connection);
        var buffer = new StreamBufferOptions { Policy = BufferPolicy.DropOldest, Capacity = 2 };
        await using var subscription = await stocks.Router.OpenAsync<Protocols.Bar>(1, ["AAPL"], buffer).Within();

        // A callback registered later sees each message after the buffer did: it tells when all four arrived.
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var witness = await stocks.Router.ListenAsync<Protocols.Bar>(1, ["AAPL"], bar =>
        {
            if (bar.Close == 4m)
            {
                allArrived.TrySetResult();
            }
        }).Within();
        connection.Push("""[{"T":"u","S":"AAPL","c":1,"t":""},{"T":"u","S":"AAPL","c":2,"t":""},{"T":"u","S":"AAPL","c":3,"t":""},{"T":"u","S":"AAPL","c":4,"t":""}]""");
        await allArrived.Task.Within();

        Assert.Equal(2, Assert.Single(stocks.Router.Subscriptions, s => s.Dropped > 0).Dropped);
        Assert.Equal(2, subscription.Pending);
        Assert.True(subscription.TryRead(out var third));
        Assert.True(subscription.TryRead(out var fourth));
        Assert.Equal((3m, 4m), (third.Close, fourth.Close));
    }

    [Fact]
    public async Task DefaultPolicy_StalledConsumer_EndsOnlyItsOwnStreamAndThePumpGoesOn()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new Protocols.StockStream(connection);
        Assert.Equal(BufferPolicy.Fail, StreamBufferOptions.Default.Policy);
        await using var stalled = await stocks.Router.OpenAsync<Protocols.Bar>(1, ["AAPL"], new StreamBufferOptions { Capacity = 2 }).Within();
        var seen = new List<decimal>();
        var fifthArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var neighbour = await stocks.Router.ListenAsync<Protocols.Bar>(1, ["AAPL"], bar =>
        {
            seen.Add(bar.Close);
            if (bar.Close == 5m)
            {
                fifthArrived.TrySetResult();
            }
        }).Within();

        // Nobody reads the stalled stream: the pump must neither wait for it nor lose the neighbour's messages.
        connection.Push("""[{"T":"u","S":"AAPL","c":1,"t":""},{"T":"u","S":"AAPL","c":2,"t":""},{"T":"u","S":"AAPL","c":3,"t":""},{"T":"u","S":"AAPL","c":4,"t":""}]""");
        connection.Push("""[{"T":"u","S":"AAPL","c":5,"t":""}]""");
        await fifthArrived.Task.Within();

        Assert.Equal([1m, 2m, 3m, 4m, 5m], seen);
        Assert.True(stalled.TryRead(out var first));
        Assert.True(stalled.TryRead(out var second));
        Assert.Equal((1m, 2m), (first.Close, second.Close));
        await Assert.ThrowsAsync<StreamOverflowException>(async () => await stalled.WaitToReadAsync().AsTask().Within());
    }

    [Fact]
    public void Options_InvalidCapacity_AreRefusedWhenOpening()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new StreamBufferOptions { Capacity = 0 }.Validate());

    private static void WaitPostRead(StreamBuffer<int> buffer, CancellationToken token, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var wait = buffer.WaitToReadAsync(token);
            buffer.Post(i, null);
            if (!wait.IsCompleted || !wait.Result || !buffer.TryRead(out _))
            {
                throw new InvalidOperationException("The posted item did not complete the wait.");
            }
        }
    }

    private static List<int> Drain(StreamBuffer<int> buffer)
    {
        var items = new List<int>();
        while (buffer.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }
}
