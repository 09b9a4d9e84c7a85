using System.Reflection;
using System.Runtime.Versioning;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Compiled into every test assembly: a test the platform analyzer lets call Linux-only (or Unix-only) code, because
/// it or its class or assembly is marked for those systems, must also skip on the others, or the suite fails there
/// instead of saying what it did not run.
/// </summary>
public sealed class PlatformAnnotationsTests
{
    [Fact]
    public void TestMethods_MarkedForSomeSystems_SkipOnTheOthers()
    {
        var unskipped = Unskipped(typeof(PlatformAnnotationsTests).Assembly);

        Assert.True(unskipped.Count == 0, "Marked for some systems, but would run on others (use PlatformFact/PlatformTheory for the same systems):\n" + string.Join('\n', unskipped));
    }

    [Fact]
    public void Unskipped_MarkedTestsThatWouldRunElsewhere_AreFoundTheOthersNot()
    {
        var found = Unskipped(assembly: null, typeof(Examples));

        Assert.Equal(["Examples.LinuxOnlyWithAPlainFact (marked for Linux, runs on All)", "Examples.WindowsOnlyWithALinuxFact (marked for Windows, runs on Linux)"], found);
    }

    /// <summary>The tests of <paramref name="assembly"/> (or the <paramref name="only"/> types, read without their assembly's marks) that would run where they are not marked to.</summary>
    private static List<string> Unskipped(Assembly? assembly, params Type[] only)
    {
        var assemblyLevel = assembly is null ? TestPlatforms.All : Allowed(assembly.GetCustomAttributes());
        var unskipped = new List<string>();

        // This class calls nothing platform-bound, so it runs everywhere even in an assembly marked for Linux.
        foreach (var type in assembly is null ? only : assembly.GetTypes().Where(t => t != typeof(PlatformAnnotationsTests) && t != typeof(Examples)))
        {
            var typeLevel = assemblyLevel;
            for (var outer = type; outer is not null; outer = outer.DeclaringType)
            {
                typeLevel &= Allowed(outer.GetCustomAttributes());
            }

            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttributes<FactAttribute>(inherit: true).FirstOrDefault() is not { } fact)
                {
                    continue;
                }

                var allowed = typeLevel & Allowed(method.GetCustomAttributes());
                var runsOn = fact is IPlatformBound bound ? bound.RunsOn : TestPlatforms.All;
                if ((runsOn & ~allowed) != 0)
                {
                    unskipped.Add($"{type.Name}.{method.Name} (marked for {allowed}, runs on {runsOn})");
                }
            }
        }

        return unskipped;
    }

    /// <summary>The systems code under <paramref name="attributes"/> may run on, as the platform analyzer reads them.</summary>
    private static TestPlatforms Allowed(IEnumerable<Attribute> attributes)
    {
        var list = attributes.ToList();
        var supported = list.OfType<SupportedOSPlatformAttribute>().ToList();
        var allowed = supported.Count == 0 ? TestPlatforms.All : supported.Aggregate((TestPlatforms)0, (all, a) => all | Platform(a.PlatformName));
        return list.OfType<UnsupportedOSPlatformAttribute>().Aggregate(allowed, (all, a) => all & ~Platform(a.PlatformName));
    }

    private static TestPlatforms Platform(string name)
    {
        var system = new string(name.TakeWhile(char.IsLetter).ToArray()).ToUpperInvariant();
        return system switch
        {
            "LINUX" => TestPlatforms.Linux,
            "MACOS" or "OSX" => TestPlatforms.MacOS,
            "WINDOWS" => TestPlatforms.Windows,
            _ => 0,
        };
    }

    /// <summary>Tests the check must flag, or not (never run: private, so xunit does not find them).</summary>
#pragma warning disable xUnit1000 // private on purpose
    private static class Examples
    {
        [Fact]
        [SupportedOSPlatform("linux")]
        public static void LinuxOnlyWithAPlainFact()
        {
        }

        [PlatformFact(TestPlatforms.Linux, "an example")]
        [SupportedOSPlatform("linux")]
        public static void LinuxOnlyWithALinuxFact()
        {
        }

        [PlatformFact(TestPlatforms.Unix, "an example")]
        [UnsupportedOSPlatform("windows")]
        public static void UnixOnlyWithAUnixFact()
        {
        }

        [PlatformFact(TestPlatforms.Linux, "an example")]
        [SupportedOSPlatform("windows")]
        public static void WindowsOnlyWithALinuxFact()
        {
        }
    }
#pragma warning restore xUnit1000
}
