using System.Runtime.Versioning;

// The installed applications report their proxy through /proc, and the tools are launched as on Linux.
[assembly: SupportedOSPlatform("linux")]
