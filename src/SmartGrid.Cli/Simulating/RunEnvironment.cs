using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SmartGrid.Cli.Simulating;

/// <summary>Where a result was produced: the software version and the machine, recorded with every result folder.</summary>
/// <param name="Version">The informational version of <c>smartgrid</c> (with the commit it was built from when known).</param>
/// <param name="MachineName">Host name.</param>
/// <param name="OperatingSystem">Operating system description.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="ProcessorCount">Logical processors available to the process.</param>
/// <param name="MemoryBytes">Memory available to the process (physical or container limit).</param>
public sealed record RunEnvironment(string Version, string MachineName, string OperatingSystem, string Runtime, int ProcessorCount, long MemoryBytes)
{
    /// <summary>This process's environment.</summary>
    public static RunEnvironment Current()
    {
        var assembly = typeof(RunEnvironment).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return new RunEnvironment(version, Environment.MachineName, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
    }

    /// <summary>The process's peak resident memory so far, bytes.</summary>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>The process's resident memory now, bytes.</summary>
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
