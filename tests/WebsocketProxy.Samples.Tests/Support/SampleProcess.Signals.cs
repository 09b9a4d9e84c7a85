using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Samples.Tests.Support;

/// <summary>Ctrl-C: what a terminal sends.</summary>
public sealed partial class SampleProcess
{
    /// <summary>Sends the sample SIGINT, what Ctrl-C in a terminal sends.</summary>
    public void Interrupt()
    {
        var errno = Interrupts.Send(_process.Id);
        Assert.True(errno == 0, $"kill -INT {_process.Id} failed: errno {errno}");
    }

    /// <summary>
    /// Ctrl-C as a terminal delivers it: SIGINT to every process of the sample's process group. The sample shares
    /// the test host's group, so only the run's processes in that group are signalled, never the test host.
    /// </summary>
    /// <returns>The processes signalled.</returns>
    public IReadOnlyList<ObservedProcess> InterruptProcessGroup(ProcessRun run)
    {
        var group = ObservedProcess.ProcessGroupOf(_process.Id);
        var signalled = new List<ObservedProcess>();
        foreach (var process in run.Alive().Where(p => p.ProcessGroup() == group))
        {
            var errno = Interrupts.Send(process.Pid);
            if (errno == 0)
            {
                signalled.Add(process);
            }
            else
            {
                Assert.True(errno == Interrupts.NoSuchProcess, $"kill -INT {process.Pid} failed: errno {errno}");
            }
        }

        return signalled;
    }
}
