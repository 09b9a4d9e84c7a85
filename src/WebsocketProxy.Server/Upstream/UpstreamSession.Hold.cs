using System.Buffers;
using System.Net.WebSockets;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// A session that replaces one that dropped holds its messages from readiness until its connection has sent the
/// subscriptions again and published Reconnected: a client then never gets data of the new session ahead of that
/// Reconnected, and the restored subscriptions are on the wire before it (a consumer that reconciles on Reconnected
/// misses nothing that the restored subscriptions deliver, and may send at once).
/// </summary>
internal sealed partial class UpstreamSession
{
    /// <summary>Held messages beyond which the rest are dropped and counted (zero-length messages count too).</summary>
    private const int MaxHeldMessages = 1 << 20;

    private readonly Lock _holdGate = new();
    private readonly int _maxHeldBytes;
    private List<(int Length, WebSocketMessageType Type)> _heldMessages = [];
    private ArrayBufferWriter<byte>? _heldBytes;
    private long _heldLost;
    private volatile HoldState _hold;

    private enum HoldState
    {
        /// <summary>Messages go to the callback as they come.</summary>
        Off,

        /// <summary>Messages are kept (or counted beyond the bound) for <see cref="ReleaseHeld"/>.</summary>
        Holding,

        /// <summary>The session failed before it was announced: its messages go nowhere (the drop's Gap covers them).</summary>
        Discarding,
    }

    /// <summary>
    /// Ends the hold: the held messages go to the message callback in arrival order, then <paramref name="reportLost"/>
    /// gets how many were dropped beyond the bound (when any). It runs under the hold's lock, so a message received
    /// meanwhile waits and comes after them.
    /// </summary>
    public void ReleaseHeld(Action<long> reportLost)
    {
        lock (_holdGate)
        {
            if (_hold != HoldState.Holding)
            {
                return;
            }

            try
            {
                var held = _heldBytes?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;
                var offset = 0;
                foreach (var (length, type) in _heldMessages)
                {
                    _onMessage(type, held.Slice(offset, length));
                    offset += length;
                }

                if (_heldLost > 0)
                {
                    reportLost(_heldLost);
                }
            }
            finally
            {
                ClearHeld();
                _hold = HoldState.Off;
            }
        }
    }

    /// <summary>Drops what was held and whatever comes later: the session is not announced (it failed while restoring).</summary>
    public void DiscardHeld()
    {
        lock (_holdGate)
        {
            ClearHeld();
            _hold = HoldState.Discarding;
        }
    }

    /// <summary>At readiness: from now on messages are held, if this session holds at all.</summary>
    private void StartHolding()
    {
        if (_maxHeldBytes > 0)
        {
            lock (_holdGate)
            {
                if (_hold == HoldState.Off)
                {
                    _hold = HoldState.Holding;
                }
            }
        }
    }

    /// <summary>Keeps a copy of a message (or counts it beyond the bound, or drops it when discarding); <see langword="false"/> when not holding: deliver it now.</summary>
    private bool TryHold(WebSocketMessageType type, ReadOnlySpan<byte> message)
    {
        lock (_holdGate)
        {
            switch (_hold)
            {
                case HoldState.Holding:
                    var bytes = _heldBytes ??= new ArrayBufferWriter<byte>(Math.Min(_maxHeldBytes, 64 * 1024));
                    // Once one is dropped, so is every later one: what is delivered stays a prefix, and the Gap that
                    // follows it stands where the loss began.
                    if (_heldLost > 0 || (long)bytes.WrittenCount + message.Length > _maxHeldBytes || _heldMessages.Count >= MaxHeldMessages)
                    {
                        _heldLost++;
                    }
                    else
                    {
                        bytes.Write(message);
                        _heldMessages.Add((message.Length, type));
                    }

                    return true;
                case HoldState.Discarding:
                    return true;
                default:
                    return false;
            }
        }
    }

    private void ClearHeld()
    {
        _heldBytes = null;
        _heldMessages = [];
        _heldLost = 0;
    }
}
