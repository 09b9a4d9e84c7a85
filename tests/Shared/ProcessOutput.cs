using System.Diagnostics;
using System.Threading.Channels;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// What a child process prints: every standard-output and standard-error line kept for assertions and failure
/// messages, and the standard-output lines offered in order to a test waiting for one, so tests synchronise on
/// what the process says, never on sleeps. Reading both streams also keeps a chatty child from blocking on a full pipe.
/// </summary>
internal sealed class ProcessOutput
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>();
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];
    private readonly string _who;

    /// <param name="process">A started process with both output streams redirected.</param>
    /// <param name="who">How failure messages name it ("Sample 1234").</param>
    public ProcessOutput(Process process, string who)
    {
        _who = who;
        Completion = Task.WhenAll(PumpOutputAsync(process.StandardOutput), PumpErrorsAsync(process.StandardError));
    }

    /// <summary>Both streams have been read to their end.</summary>
    public Task Completion { get; }

    public IReadOnlyList<string> Output => Snapshot(_output);

    public IReadOnlyList<string> Errors => Snapshot(_errors);

    /// <summary>The next standard-output line matching <paramref name="predicate"/>; fails loudly, with everything printed, after <paramref name="timeout"/> or at the end of the output.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _pending.Reader.ReadAsync(cts.Token);
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_who} printed no matching line within {timeout}.{Describe()}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"{_who} ended before printing a matching line.{Describe()}");
        }
    }

    /// <summary>The output and error lines, for failure messages.</summary>
    public string Describe() =>
        $"{Environment.NewLine}stdout:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}" +
        $"{Environment.NewLine}stderr:{Environment.NewLine}{string.Join(Environment.NewLine, Errors)}";

    private static string[] Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private async Task PumpOutputAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.Add(line);
            }

            _pending.Writer.TryWrite(line);
        }

        _pending.Writer.TryComplete();
    }

    private async Task PumpErrorsAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }
    }
}
