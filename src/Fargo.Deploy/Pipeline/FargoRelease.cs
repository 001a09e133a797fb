using System.Reflection;

namespace Fargo.Deploy.Pipeline;

/// <summary>The Fargo a pipeline installs: the very version that wrote it, so that CI runs what was tried here.</summary>
public static class FargoRelease
{
    /// <summary>The version of <paramref name="assembly"/> without the source revision suffix ("0.1.0+abc" is "0.1.0").</summary>
    public static string Version(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
