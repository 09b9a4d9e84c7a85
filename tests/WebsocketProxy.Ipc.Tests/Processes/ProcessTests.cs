namespace WebsocketProxy.Ipc.Tests.Processes;

/// <summary>Cross-process tests run one at a time: each starts several processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTests
{
    public const string Name = "processes";
}
