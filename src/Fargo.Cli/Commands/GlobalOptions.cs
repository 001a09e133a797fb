using System.CommandLine;
using Fargo.Cli.Rendering;

namespace Fargo.Cli.Commands;

/// <summary>
/// The options every command accepts (recursive, so they may appear before or after the command name).
/// One instance per run: System.CommandLine symbols belong to the tree they are added to.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string?> Env { get; } = new("--env", "-e")
    {
        Description = "The environment to work on, as named under [environments] in fargo.toml. Default: local (the local region on this machine).",
        HelpName = "name",
        Recursive = true,
    };

    public Option<string?> Service { get; } = new("--service")
    {
        Description = "The service to work on, as named under [services] in fargo.toml. Needed only when the file declares several.",
        HelpName = "name",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "The configuration file. Default: fargo.toml in the current folder or the nearest parent folder.",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "text for people; json for scripts (results on stdout, errors as one JSON object on stderr).",
        HelpName = "text|json",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormats.Text,
    };

    public Option<bool> Yes { get; } = new("--yes", "-y")
    {
        Description = "Answer yes to confirmations (environments with requires_approval ask before changing anything).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print more detail: what is being done, and full error details.",
        Recursive = true,
    };

    public Option<string?> Profile { get; } = new("--profile")
    {
        Description = "The AWS profile to use for credentials and region (from ~/.aws/config). Default: AWS_PROFILE, then the default chain.",
        HelpName = "name",
        Recursive = true,
    };

    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong(OutputFormats.Text, OutputFormats.Json);
    }

    public IEnumerable<Option> All => [Env, Service, Config, Output, Yes, Verbose, Profile];

    /// <summary>The values given on this command line.</summary>
    public GlobalSettings Read(ParseResult parseResult) => new(
        Env: Blank(parseResult.GetValue(Env)),
        ConfigPath: Blank(parseResult.GetValue(Config)),
        Output: OutputFormats.Parse(parseResult.GetValue(Output)),
        Yes: parseResult.GetValue(Yes),
        Verbose: parseResult.GetValue(Verbose),
        Profile: Blank(parseResult.GetValue(Profile)))
    {
        Service = Blank(parseResult.GetValue(Service)),
    };

    /// <summary>
    /// The output format even when the command line did not parse, so a parse error can still be reported
    /// in the format a script asked for.
    /// </summary>
    public OutputFormat OutputOf(ParseResult parseResult)
    {
        var result = parseResult.GetResult(Output);
        if (result is null || result.Errors.Any())
        {
            return OutputFormat.Text;
        }

        return OutputFormats.Parse(result.GetValueOrDefault<string>());
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The global option values of one invocation.</summary>
internal sealed record GlobalSettings(
    string? Env,
    string? ConfigPath,
    OutputFormat Output,
    bool Yes,
    bool Verbose,
    string? Profile)
{
    /// <summary>--service: one service of a file that declares several; null = the file's only service.</summary>
    public string? Service { get; init; }
}
