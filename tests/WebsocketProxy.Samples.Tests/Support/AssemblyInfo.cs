using System.Runtime.Versioning;

// Each test runs whole samples (a simulator, several strategy processes, a proxy): on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The tests read /proc and send POSIX signals: each is a PlatformFact/PlatformTheory for Linux, skipped elsewhere.
[assembly: SupportedOSPlatform("linux")]
