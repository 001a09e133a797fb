using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using Fargo.Cli.Configuration;
using Fargo.Cli.Rendering;
using Fargo.Config;

namespace Fargo.Cli.Commands;

/// <summary>One run of one command: where it runs, the global option values, and its parsed command line.</summary>
internal sealed class CommandContext(CliHost host, GlobalSettings settings, ParseResult parseResult)
{
    public CliHost Host { get; } = host;

    public GlobalSettings Settings { get; } = settings;

    public ParseResult ParseResult { get; } = parseResult;

    public bool Json => Settings.Output == OutputFormat.Json;

    /// <summary>The configuration file: --config (relative to the working directory), else the nearest fargo.toml.</summary>
    public string ConfigFile() => ConfigFiles.Resolve(Settings.ConfigPath, Host.WorkingDirectory);

    /// <summary>Reads and validates the configuration file; throws ConfigException with every problem found.</summary>
    public LoadedConfig LoadConfig() => new ConfigLoader().Load(ConfigFile());

    /// <summary>Writes the command's result as JSON on stdout.</summary>
    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo) => CliJson.Write(Host.OutWriter, value, typeInfo);
}
