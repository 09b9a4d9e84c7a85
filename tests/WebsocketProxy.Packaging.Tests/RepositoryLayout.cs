using System.Reflection;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>Where the repository is and which configuration these tests were built in (the one to pack).</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Solution => Path.Combine(Root, "WebsocketProxy.sln");

    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? throw new InvalidOperationException("The test assembly does not say which configuration built it.");

    public static string ConsumerTemplate => Path.Combine(AppContext.BaseDirectory, "Consumer");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebsocketProxy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WebsocketProxy.sln above {AppContext.BaseDirectory}.");
    }
}
