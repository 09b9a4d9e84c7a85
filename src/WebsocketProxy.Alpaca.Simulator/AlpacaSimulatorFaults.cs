using System.Text;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>Fault injection: makes the simulator misbehave the ways the real service does, on demand.</summary>
public sealed class AlpacaSimulatorFaults
{
    private readonly SimulatorState _state;

    internal AlpacaSimulatorFaults(SimulatorState state)
    {
        _state = state;
    }

    /// <summary>Whether data is paused by <see cref="PauseData"/>.</summary>
    public bool IsDataPaused => _state.Market.IsPaused;

    /// <summary>Drops every open connection at once, with no close handshake, like a network failure.</summary>
    /// <returns>How many connections were dropped.</returns>
    public int DropAllConnections()
    {
        var connections = _state.Registry.Snapshot;
        foreach (var connection in connections)
        {
            connection.Abort();
        }

        return connections.Length;
    }

    /// <summary>
    /// For <paramref name="period"/> (on the simulator's clock), every authentication gets error 406
    /// "connection limit exceeded" and a close, as the real service does for a while after a drop.
    /// </summary>
    /// <param name="period">How long to refuse.</param>
    public void RefuseNewConnections(TimeSpan period) => _state.RefuseUntil(period);

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
    /// server from the client's side.
    /// </summary>
    public void StopReading() => _state.Reading.Shut();

    /// <summary>Reads from clients again.</summary>
    public void ResumeReading() => _state.Reading.Open();

    /// <summary>Stops sending market data (the market goes on; what it makes meanwhile is not sent).</summary>
    public void PauseData() => _state.Market.IsPaused = true;

    /// <summary>Sends market data again.</summary>
    public void ResumeData() => _state.Market.IsPaused = false;
}
