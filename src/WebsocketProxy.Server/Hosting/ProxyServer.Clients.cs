using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Clients;

namespace WebsocketProxy.Server.Hosting;

internal sealed partial class ProxyServer
{
    private static readonly TimeSpan StaleFileAge = TimeSpan.FromSeconds(10);

    /// <summary>Registers clients whose lease is held; deletes the files of clients that died long ago.</summary>
    private void Scan()
    {
        var prefix = ProxyNames.ClientPrefix(_options.Instance);
        _rescanSoon = false;
        foreach (var path in Directory.EnumerateFiles(IpcPaths.EnsureRootDirectory(_options.Backend), prefix + "*" + ProxyNames.LeaseSuffix))
        {
            if (!ProxyNames.TryParseClientLease(_options.Instance, Path.GetFileName(path), out var id) || _clients.ContainsKey(id))
            {
                continue;
            }

            if (_endedClients.Contains(id) || !Lease.IsHeld(path))
            {
                var age = _time.GetUtcNow() - File.GetLastWriteTimeUtc(path);
                if (age > StaleFileAge)
                {
                    DeleteClientFiles(id);
                }
                else if (!_endedClients.Contains(id) && age < TimeSpan.FromSeconds(2))
                {
                    // Created a moment ago and about to be locked by its client: look again shortly.
                    _rescanSoon = true;
                }

                continue;
            }

            Register(id, path);
        }
    }

    private void Register(long id, string leasePath)
    {
        MessageRing? requests = null;
        try
        {
            requests = MessageRing.Open(ProxyNames.ClientRequests(_options.Instance, id, _options.Backend));
            var replies = MessageRing.Open(ProxyNames.ClientReplies(_options.Instance, id, _options.Backend));
            var client = new RegisteredClient(id, leasePath, requests, replies, DispatchAsync, _options.LivenessInterval, _logger);
            _clients[id] = client;
            client.Start();
            _ = client.Completion.ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            requests?.Dispose();
            _endedClients.Add(id);
            LogRegisterFailed(_logger, id, ex.Message);
        }
    }

    /// <summary>Releases everything held by clients that died or left; <see langword="true"/> when any did.</summary>
    private async Task<bool> ReapAsync()
    {
        var any = false;
        foreach (var client in _clients.Values.Where(c => c.Completion.IsCompleted).ToList())
        {
            any = true;
            _clients.TryRemove(client.Id, out _);
            _endedClients.Add(client.Id);
            await _connections.ReleaseClientAsync(client.Id).ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
            DeleteClientFiles(client.Id);
            LogClientGone(_logger, client.Id, client.Name, client.SaidGoodbye ? "said goodbye" : "died", _clients.Count);
        }

        return any;
    }

    private void DeleteClientFiles(long id)
    {
        TryDelete(ProxyNames.ClientRequests(_options.Instance, id, _options.Backend));
        TryDelete(ProxyNames.ClientReplies(_options.Instance, id, _options.Backend));
        TryDelete(ProxyNames.ClientLease(_options.Instance, id, _options.Backend));
    }
}
