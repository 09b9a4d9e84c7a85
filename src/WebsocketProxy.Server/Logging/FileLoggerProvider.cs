using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Server.Logging;

/// <summary>
/// A small line-per-entry file logger; the file is private to the user (0600). The path is often in a shared folder
/// (/tmp), so it is opened without following a symbolic link (another user's link would make the proxy append to, or
/// create, a file of the link's choosing), a file of another user is refused (they could read the log), and a file of
/// this user with a wider mode is narrowed to 0600.
/// </summary>
internal sealed partial class FileLoggerProvider : ILoggerProvider
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly StreamWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    /// <exception cref="IOException">The path is a symbolic link, not a regular file, or belongs to another user.</exception>
    public FileLoggerProvider(string path, TimeProvider time)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        FileStream stream;
        if (OperatingSystem.IsWindows())
        {
            stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite });
        }
        else
        {
            stream = new FileStream(OpenPrivate(path), FileAccess.Write);
        }

        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {level,-11} {category}: {message}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
        lock (_gate)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Shutting down: late log lines are dropped.
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
