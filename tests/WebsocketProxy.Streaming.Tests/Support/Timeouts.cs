namespace WebsocketProxy.Streaming.Tests.Support;

/// <summary>Every wait in these tests is bounded; reaching a bound fails the test loudly.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Wait);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Wait);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Wait);

    public static Task Within(this Task task) => task.WaitAsync(Wait);
}
