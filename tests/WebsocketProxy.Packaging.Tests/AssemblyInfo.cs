using System.Runtime.Versioning;

// The installed applications report their proxy through /proc, and the tools are launched as on Linux: each test is a
// PlatformFact/PlatformTheory for Linux, skipped elsewhere.
[assembly: SupportedOSPlatform("linux")]
