namespace Fargo.Cli;

/// <summary>
/// A diagnostic for start-up time: with FARGO_DIAGNOSTICS_LOADED_ASSEMBLIES=1, fargo lists on stderr, after the
/// command, every assembly the command loaded ("loaded-assembly: NAME", one a line). The tests use it to keep
/// the CDK and jsii assemblies out of commands that don't synthesize.
/// </summary>
internal static class LoadedAssemblies
{
    public const string EnvironmentVariable = "FARGO_DIAGNOSTICS_LOADED_ASSEMBLIES";

    public static void WriteIfAsked(TextWriter error)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) != "1")
        {
            return;
        }

        foreach (var name in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal))
        {
            error.WriteLine($"loaded-assembly: {name}");
        }
    }
}
