using System.Diagnostics;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>Waits for a process this test did not start (the proxy a client launched) to exit.</summary>
internal static class ProcessWatch
{
    public static async Task WaitForExitAsync(int pid, TimeSpan timeout)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return; // Already gone.
        }

        using (process)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Process {pid} ({process.ProcessName}) was still running after {timeout}.");
            }
        }
    }
}
