using System.Text;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>
/// Fault injection: makes the simulator misbehave the ways the real service does, on demand. Every method is
/// thread-safe and takes effect at once; periods run on <see cref="AlpacaSimulatorOptions.TimeProvider"/>.
/// <see cref="ClearAll"/> lifts every fault.
/// </summary>
public sealed class AlpacaSimulatorFaults
{
    private readonly SimulatorState _state;
    private readonly Lock _silenceLock = new();
    private ITimer? _silenceTimer;

    internal AlpacaSimulatorFaults(SimulatorState state)
    {
        _state = state;
    }

    /// <summary>Whether data is paused by <see cref="PauseData"/>.</summary>
    public bool IsDataPaused => _state.Market.IsPaused;

    /// <summary>Whether the simulator is silent (<see cref="GoSilent()"/>).</summary>
    public bool IsSilent => !_state.Transport.IsOpen;

    /// <summary>How many abruptly ended sessions still count against their keys (see <see cref="AlpacaSimulatorOptions.DeadSessionLinger"/>).</summary>
    public int DeadSessionCount => _state.DeadSessions.Count;

    /// <summary>Drops every open connection at once, trading-stream sessions included, with no close handshake, like a network failure.</summary>
    /// <returns>How many connections were dropped.</returns>
    public int DropAllConnections() => DropAllConnections(TimeSpan.Zero);

    /// <summary>
    /// Drops every open connection at once, with no close handshake, and keeps each authenticated session among
    /// them as a dead session for <paramref name="refuseFor"/>: a reconnect with the same key to the same endpoint
    /// gets error 406 "connection limit exceeded" until then, as the real service answers after a drop.
    /// </summary>
    /// <param name="refuseFor">How long the dropped sessions count against their keys (at least
    /// <see cref="AlpacaSimulatorOptions.DeadSessionLinger"/>).</param>
    /// <returns>How many connections were dropped.</returns>
    public int DropAllConnections(TimeSpan refuseFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(refuseFor, TimeSpan.Zero);
        var connections = _state.Registry.Snapshot;
        foreach (var connection in connections)
        {
            connection.Abort(refuseFor);
        }

        return connections.Length + DropTradingConnections();
    }

    /// <summary>Drops every open trading-stream (<c>/stream</c>) session at once, with no close handshake.</summary>
    /// <returns>How many sessions were dropped.</returns>
    public int DropTradingConnections()
    {
        var sessions = _state.Market.Trading.Sessions.Snapshot;
        foreach (var session in sessions)
        {
            session.Abort();
        }

        return sessions.Length;
    }

    /// <summary>
    /// The next <paramref name="sessions"/> trading-stream authentications with a valid key are answered
    /// "unauthorized" and closed. Replaces any earlier such refusal.
    /// </summary>
    /// <param name="sessions">How many authentications to refuse.</param>
    public void RefuseTradingAuthentication(int sessions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 0);
        _state.RefuseTradingAuth.ForCount(sessions, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// The next <paramref name="orders"/> orders are accepted by <c>POST /v2/orders</c>, then rejected: a
    /// <c>rejected</c> trade update and status <c>rejected</c> instead of <c>new</c>. Replaces any earlier such fault.
    /// </summary>
    /// <param name="orders">How many orders to reject.</param>
    public void RejectOrders(int orders)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, 0);
        _state.Market.Trading.RejectOrders(orders, "rejected by the simulator");
    }

    /// <summary>
    /// For <paramref name="period"/>, every authentication gets error 406 "connection limit exceeded" and a
    /// close, whatever the key. <see cref="DropAllConnections(TimeSpan)"/> is the faithful form (only the dropped keys).
    /// </summary>
    /// <param name="period">How long to refuse.</param>
    public void RefuseNewConnections(TimeSpan period) => RefuseAuthentication(406, period);

    /// <summary>
    /// The next <paramref name="sessions"/> authentications with a valid key are answered with error
    /// <paramref name="code"/> (its standard message, such as 408 "v2 not enabled" or 411 "insufficient scope")
    /// and a close, instead of "authenticated". Replaces any earlier refusal.
    /// </summary>
    /// <param name="code">The error code.</param>
    /// <param name="sessions">How many authentications to refuse.</param>
    public void RefuseAuthentication(int code, int sessions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 0);
        _state.RefuseAuth.ForCount(sessions, code, TimeSpan.Zero);
    }

    /// <summary>
    /// For <paramref name="period"/>, every authentication with a valid key is answered with error
    /// <paramref name="code"/> (its standard message) and a close. Replaces any earlier refusal.
    /// </summary>
    /// <param name="code">The error code, such as 406, 408 or 411.</param>
    /// <param name="period">How long to refuse.</param>
    public void RefuseAuthentication(int code, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        _state.RefuseAuth.ForPeriod(period, code, TimeSpan.Zero);
    }

    /// <summary>
    /// The next <paramref name="sessions"/> sessions that authenticate are closed <paramref name="closeAfter"/>
    /// later: an accept-authenticate-close loop for a client that reconnects. Replaces any earlier such fault.
    /// </summary>
    /// <param name="sessions">How many sessions to close.</param>
    /// <param name="closeAfter">How long after "authenticated" each is closed.</param>
    /// <param name="abrupt">Drop with no close handshake instead of a close frame.</param>
    public void CloseAfterAuthentication(int sessions, TimeSpan closeAfter, bool abrupt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(closeAfter, TimeSpan.Zero);
        _state.CloseAfterAuth.ForCount(sessions, abrupt ? 1 : 0, closeAfter);
    }

    /// <summary>
    /// For <paramref name="period"/>, every session that authenticates is closed <paramref name="closeAfter"/>
    /// later. Replaces any earlier such fault.
    /// </summary>
    /// <param name="period">How long sessions are closed after authenticating.</param>
    /// <param name="closeAfter">How long after "authenticated" each is closed.</param>
    /// <param name="abrupt">Drop with no close handshake instead of a close frame.</param>
    public void CloseAfterAuthenticationFor(TimeSpan period, TimeSpan closeAfter, bool abrupt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(closeAfter, TimeSpan.Zero);
        _state.CloseAfterAuth.ForPeriod(period, abrupt ? 1 : 0, closeAfter);
    }

    /// <summary>
    /// Goes silent with every TCP connection left open, until <see cref="EndSilence"/>: nothing is read (client
    /// messages and pongs wait), nothing is sent (no data, no pings, no pongs, no closes), and new connections
    /// get no handshake. Market data made meanwhile is lost. A hung server or a half-open link, as the client sees it.
    /// </summary>
    /// <remarks>
    /// The server's own ping timeout (<see cref="AlpacaSimulatorOptions.PingTimeout"/>) still runs: a silence
    /// longer than it ends, once lifted, with the connections closed, as by a server that gave up on its clients.
    /// </remarks>
    public void GoSilent()
    {
        lock (_silenceLock)
        {
            _silenceTimer?.Dispose();
            _silenceTimer = null;
            _state.Market.IsSilenced = true;
            _state.Transport.Shut();
        }
    }

    /// <summary>Goes silent (see <see cref="GoSilent()"/>) for <paramref name="period"/>, then speaks again.</summary>
    /// <param name="period">How long to stay silent.</param>
    public void GoSilent(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        lock (_silenceLock)
        {
            GoSilent();
            _silenceTimer = _state.Time.CreateTimer(_ => EndSilence(), null, period, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends <see cref="GoSilent()"/>: what clients sent meanwhile is read, and sending resumes.</summary>
    public void EndSilence()
    {
        lock (_silenceLock)
        {
            _silenceTimer?.Dispose();
            _silenceTimer = null;
            _state.Market.IsSilenced = false;
            _state.Transport.Open();
        }
    }

    /// <summary>
    /// Lifts every fault: silence, stopped reading, paused data, refused and closed-after-auth sessions, and
    /// dead sessions that still counted against their keys.
    /// </summary>
    public void ClearAll()
    {
        EndSilence();
        ResumeReading();
        ResumeData();
        _state.RefuseAuth.Clear();
        _state.CloseAfterAuth.Clear();
        _state.DeadSessions.Clear();
        _state.RefuseTradingAuth.Clear();
        _state.Market.Trading.ClearFaults();
    }

    /// <summary>Sends <c>[{"T":"error","code":code,"msg":message}]</c> to every open connection.</summary>
    /// <param name="code">The error code, such as 500.</param>
    /// <param name="message">The error text.</param>
    /// <param name="close">Whether to close each connection after the error.</param>
    /// <returns>How many connections it was sent to.</returns>
    public int SendError(int code, string message, bool close = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        var connections = _state.Registry.Snapshot;
        foreach (var connection in connections)
        {
            connection.SendError(new Protocol.ProtocolError(code, message), close);
        }

        return connections.Length;
    }

    /// <summary>The message the real service sends with <paramref name="code"/>, such as "v2 not enabled" for 408; "error" for a code it does not define.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>The standard message.</returns>
    public static string StandardMessage(int code) => Protocol.ProtocolError.ForCode(code).Message;

    /// <summary>Sends a text frame that is not valid JSON to every open connection.</summary>
    /// <returns>How many connections it was sent to.</returns>
    public int SendMalformedJson() => SendRaw("[{\"T\":\"t\",\"S\":\"AAPL\",\"p\":");

    /// <summary>Sends a well-formed message of a type the protocol does not define to every open connection.</summary>
    /// <returns>How many connections it was sent to.</returns>
    public int SendUnknownMessageType() => SendRaw("[{\"T\":\"zz\",\"S\":\"AAPL\",\"msg\":\"unknown message type\"}]");

    /// <summary>Sends <paramref name="text"/> as one text frame, unchanged, to every open connection.</summary>
    /// <param name="text">The frame's text.</param>
    /// <returns>How many connections it was sent to.</returns>
    public int SendRaw(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var connections = _state.Registry.Snapshot;
        foreach (var connection in connections)
        {
            connection.SendRaw(bytes);
        }

        return connections.Length;
    }

    /// <summary>
    /// Stops reading what clients send (and so answering pings) until <see cref="ResumeReading"/>: a hung
    /// server from the client's side. <see cref="GoSilent()"/> is the whole half-open case.
    /// </summary>
    /// <remarks>
    /// Pongs of an idle client are still seen, so it is not dropped; but a message a client sends meanwhile stays
    /// unread in front of its pongs, and a stop longer than <see cref="AlpacaSimulatorOptions.PingTimeout"/> then
    /// ends with the server dropping that client.
    /// </remarks>
    public void StopReading() => _state.Reading.Shut();

    /// <summary>Reads from clients again.</summary>
    public void ResumeReading() => _state.Reading.Open();

    /// <summary>Stops sending market data (the market goes on; what it makes meanwhile is not sent).</summary>
    public void PauseData() => _state.Market.IsPaused = true;

    /// <summary>Sends market data again.</summary>
    public void ResumeData() => _state.Market.IsPaused = false;
}
