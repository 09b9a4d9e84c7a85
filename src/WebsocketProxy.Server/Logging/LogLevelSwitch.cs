using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Server.Logging;

/// <summary>The proxy's minimum log level, changeable at run time (the original's <c>setLogLevel</c>).</summary>
internal sealed class LogLevelSwitch(LogLevel level)
{
    private volatile int _level = (int)level;

    public LogLevel Level
    {
        get => (LogLevel)_level;
        set => _level = (int)value;
    }

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Level;
}
