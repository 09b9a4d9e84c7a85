using System.Runtime.Versioning;
using System.Security.AccessControl;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// <c>%LOCALAPPDATA%\WebsocketProxy\ipc</c> (the known folder of the process token's user, never the environment, so a
/// service or a scheduled task of the user finds the same directory as a login). It holds the lease files and one small
/// file per shared region naming its section; the directory is created owned by the user with a protected DACL granting
/// the user alone, inherited by every file in it, and refused on every open when it is a link or open to anyone else.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsNaming : IIpcNaming
{
    public static WindowsNaming Instance { get; } = new();

    private WindowsNaming()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        RootDirectory = Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "WebsocketProxy", "ipc");
    }

    public string RootDirectory { get; }

    /// <summary>As on the other back-ends: room under the 255-character file-name limit for the temporary suffixes.</summary>
    public int MaxNameLength => 200;

    public bool Holds(string path) => IpcPaths.IsDirectlyIn(path, RootDirectory);

    public void EnsureRootDirectory()
    {
        var directory = new DirectoryInfo(RootDirectory);
        if (!directory.Exists && !File.Exists(RootDirectory))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(RootDirectory)!);
            try
            {
                directory.Create(WindowsSecurity.PrivateDirectory());
            }
            catch (IOException) when (Directory.Exists(RootDirectory))
            {
                // Created by a concurrent process: the checks below decide.
            }

            directory.Refresh();
        }

        // A link to a directory counts as existing: look at the link itself before anything follows it.
        if (directory.Exists && directory.Attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            throw Refusal($"a link (reparse point) to '{directory.LinkTarget}'");
        }

        if (!directory.Exists)
        {
            throw Refusal(File.Exists(RootDirectory) ? "a file" : "missing after creation");
        }

        if (WindowsSecurity.WhyNotPrivate(directory.GetAccessControl(AccessControlSections.Owner | AccessControlSections.Access)) is { } why)
        {
            throw Refusal("a directory " + why);
        }
    }

    private UnauthorizedAccessException Refusal(string what) => new(
        $"'{RootDirectory}' is {what}, not a directory private to this user. Another user or program may have created it to block or " +
        "read this user's proxy; refusing to use it. Remove it; the proxy recreates what it needs privately.");
}
