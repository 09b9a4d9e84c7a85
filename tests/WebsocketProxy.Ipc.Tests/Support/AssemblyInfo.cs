using System.Runtime.Versioning;

// These tests exercise Linux shared memory, futexes, flock and signals.
[assembly: SupportedOSPlatform("linux")]
