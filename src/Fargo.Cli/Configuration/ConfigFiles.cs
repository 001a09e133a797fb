using Fargo.Cli.Errors;
using Fargo.Config;

namespace Fargo.Cli.Configuration;

/// <summary>Which configuration file a command works on.</summary>
internal static class ConfigFiles
{
    public const string DefaultName = "fargo.toml";

    /// <summary>
    /// --config FILE (relative to the working directory) when given and present; otherwise fargo.toml in the
    /// working directory or the nearest parent.
    /// </summary>
    public static string Resolve(string? explicitPath, string workingDirectory)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            if (!File.Exists(full))
            {
                throw new UsageException($"The configuration file {full} does not exist.", "Check the path given to --config.");
            }

            return full;
        }

        return ConfigFileLocator.Find(workingDirectory)
            ?? throw new UsageException(
                $"No {DefaultName} in {workingDirectory} or any folder above it.",
                $"Run 'fargo init' to write one for the project here, or pass --config FILE.");
    }
}
