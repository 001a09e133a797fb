using System.CommandLine;
using System.Text.Json;
using Fargo.Cli.Commands;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

public sealed class HelpAndUsageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Commands() => new(AllCommandPaths());

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help_that_explains_it(string commandPath)
    {
        var command = Find(commandPath);
        var result = await FargoCli.RunAsync(_folder.Path, [.. commandPath.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(command.Description!, Flatten(result.Out), StringComparison.Ordinal);
        Assert.Contains("--env", result.Out, StringComparison.Ordinal);
        Assert.Contains("--output", result.Out, StringComparison.Ordinal);
        foreach (var subcommand in command.Subcommands.Where(c => !c.Hidden))
        {
            Assert.Contains(subcommand.Name, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_command_option_and_argument_is_described()
    {
        foreach (var path in AllCommandPaths())
        {
            var command = Find(path);
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"'{path}' has no description");
            Assert.All(command.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"'{path} {o.Name}' has no description"));
            Assert.All(command.Arguments, a => Assert.False(string.IsNullOrWhiteSpace(a.Description), $"'{path} {a.Name}' has no description"));
        }
    }

    [Fact]
    public async Task Bare_fargo_shows_the_command_list()
    {
        var result = await FargoCli.RunAsync(_folder.Path);

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "init", "validate", "render", "completion" })
        {
            Assert.Contains(name, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_with_a_suggestion()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "rendr", "config");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Unrecognized command or argument 'rendr'", result.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'render'?", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_word_that_resembles_no_command_gets_no_guess()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("did you mean", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_its_subcommand_says_which_ones_exist()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Required command was not provided", result.Error, StringComparison.Ordinal);
        Assert.Contains("fargo render --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_option_gets_a_suggestion_from_the_global_options()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "render", "taskdef", "--enve", "qa");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("did you mean '--env'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_format_that_does_not_exist_is_a_usage_error()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "validate", "--output", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'xml'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_are_one_JSON_object_on_stderr_when_json_is_asked_for()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "--output", "json", "rendr");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        using var json = JsonDocument.Parse(result.Error);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("usage", error.GetProperty("kind").GetString());
        Assert.Equal(2, error.GetProperty("exitCode").GetInt32());
        Assert.Contains("'rendr'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("did you mean 'render'?", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_options_are_accepted_before_and_after_the_command()
    {
        _folder.Write("fargo.toml", Configs.Valid);

        var before = await FargoCli.RunAsync(_folder.Path, "--env", "qa", "render", "config");
        var after = await FargoCli.RunAsync(_folder.Path, "render", "config", "-e", "qa");

        Assert.Equal(0, before.ExitCode);
        Assert.Equal(before.Out, after.Out);
    }

    private static IEnumerable<string> AllCommandPaths()
    {
        var root = CreateRoot();
        var paths = new List<string> { "" };
        Walk(root, "");
        return paths;

        void Walk(Command command, string prefix)
        {
            // Hidden commands (internal entry points) have no help by design.
            foreach (var subcommand in command.Subcommands.Where(c => !c.Hidden))
            {
                var path = (prefix + " " + subcommand.Name).Trim();
                paths.Add(path);
                Walk(subcommand, path);
            }
        }
    }

    private static Command Find(string path)
    {
        Command command = CreateRoot();
        foreach (var name in path.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            command = command.Subcommands.Single(c => c.Name == name);
        }

        return command;
    }

    private static RootCommand CreateRoot() =>
        FargoApp.CreateRootCommand(new CommandServices(FargoCli.HostFor(Path.GetTempPath(), TextWriter.Null, TextWriter.Null), new GlobalOptions()));

    // Help wraps descriptions over several lines; compare with the line breaks and indentation taken out.
    private static string Flatten(string text) =>
        string.Join(' ', text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
}
