using System.Net.WebSockets;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// A link being restored on a new proxy holds that proxy's data back until its Reconnected frame is delivered. The
/// pump reads the new proxy's frames from the moment the link has its new id, before the replayed subscriptions
/// are acknowledged: their answers (or another process's data on a shared connection) would otherwise reach the
/// handles and callbacks ahead of the Reconnected that a consumer takes as the start of the restored stream.
/// </summary>
internal sealed partial class ConnectionLink
{
    /// <summary>Held bytes beyond which data frames are dropped and counted; the count follows the held frames as a Gap.</summary>
    public const int MaxHeldBytes = 16 << 20;

    private readonly Lock _holdGate = new();
    private List<HeldFrame>? _held;
    private ProxyFrame _reconnected;
    private long _heldBytes;
    private long _heldLost;
    private volatile bool _holding;

    /// <summary>Whether data is being held (see <see cref="Hold"/>).</summary>
    public bool IsHolding => _holding;

    /// <summary>
    /// Starts holding data, before the pump can find the link under its new id; <see cref="Release"/> hands over
    /// <paramref name="reconnected"/> first.
    /// </summary>
    public void Hold(ProxyFrame reconnected)
    {
        lock (_holdGate)
        {
            _held = [];
            _reconnected = reconnected;
            _heldBytes = 0;
            _heldLost = 0;
            _holding = true;
        }
    }

    /// <summary>Keeps a copy of a data frame while holding (or counts it beyond <see cref="MaxHeldBytes"/>); <see langword="false"/> when not holding: deliver it now.</summary>
    public bool TryHold(ReadOnlyMemory<byte> payload, WebSocketMessageType messageType)
    {
        if (!_holding)
        {
            return false;
        }

        lock (_holdGate)
        {
            if (_held is not { } held)
            {
                return false;
            }

            if (_heldBytes + payload.Length > MaxHeldBytes)
            {
                _heldLost++;
            }
            else
            {
                held.Add(new HeldFrame(payload.ToArray(), messageType));
                _heldBytes += payload.Length;
            }

            return true;
        }
    }

    /// <summary>
    /// Ends the hold: <paramref name="deliver"/> gets the Reconnected frame, the held frames in arrival order and the
    /// count dropped. It runs under the hold's lock, so a frame the pump reads meanwhile waits and comes after them.
    /// <see langword="false"/> when there was nothing to release (released or discarded already).
    /// </summary>
    public bool Release(Action<ProxyFrame, IReadOnlyList<HeldFrame>, long> deliver)
    {
        lock (_holdGate)
        {
            if (_held is not { } held)
            {
                return false;
            }

            _held = null;
            try
            {
                deliver(_reconnected, held, _heldLost);
            }
            finally
            {
                _holding = false;
            }

            return true;
        }
    }

    /// <summary>Ends the hold without delivering (the restore failed, or its proxy died): the Gap of the loss covers what was held.</summary>
    public void Discard()
    {
        lock (_holdGate)
        {
            _held = null;
            _holding = false;
        }
    }

    /// <summary>A data frame kept while the link was held.</summary>
    public readonly record struct HeldFrame(ReadOnlyMemory<byte> Payload, WebSocketMessageType MessageType);
}
