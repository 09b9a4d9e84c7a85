using WebsocketProxy.Ipc.Platform;

namespace WebsocketProxy.Ipc.Tests.Platform.Portable;

public sealed class PortableIdentityTests
{
    // .NET cannot tell which process holds a file: the portable back-end never proves a hung proxy, so none is killed.
    [Fact]
    public void RefuseToTerminate_LiveHolderOfTheLease_RefusesSayingWhy()
    {
        var path = IpcPaths.ForUser($"test-identity-{Guid.NewGuid():N}.lock", IpcBackend.Portable);
        try
        {
            using var lease = Lease.Acquire(path);

            var refusal = IpcPlatform.ForPath(path).Identity.RefuseToTerminate(Environment.ProcessId, path);

            Assert.NotNull(refusal);
            Assert.Contains("portable IPC back-end cannot prove", refusal, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
