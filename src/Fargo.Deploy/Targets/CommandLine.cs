using Fargo.Config;

namespace Fargo.Deploy.Targets;

/// <summary>A command given on Fargo's command line (e.g. `fargo build --test "CMD"`), split as Fargo.Config splits [local].command.</summary>
public static class CommandLine
{
    public static IReadOnlyList<string> Split(string command)
    {
        try
        {
            return Fargo.Config.CommandLine.Split(command);
        }
        catch (ConfigException e)
        {
            throw new DeployUsageException(e.Message);
        }
    }
}
