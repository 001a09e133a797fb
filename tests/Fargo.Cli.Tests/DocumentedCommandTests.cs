using System.CommandLine;
using Fargo.Cli.Commands;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>
/// Every `fargo …` command line in the README, docs/ and the projects' READMEs names commands and options that exist:
/// a page that promises a command the CLI does not have fails here, not in a user's terminal.
/// </summary>
public sealed class DocumentedCommandTests
{
    public static TheoryData<string> Pages() => new(
        new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(Relative))
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "src"), "README.md", SearchOption.AllDirectories).Select(Relative))
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "README.md", SearchOption.AllDirectories).Select(Relative))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_command_a_page_names_exists(string page)
    {
        var problems = DocumentedCommands.Check(CreateRoot(), page, File.ReadAllText(Path.Combine(Repository.Root, page)));

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_README_names_commands_at_all()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        foreach (var command in new[] { "fargo up", "fargo deploy", "fargo local database create" })
        {
            Assert.Contains(command, readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Removing_a_command_the_README_names_fails_the_check()
    {
        var root = CreateRoot();
        var local = root.Subcommands.Single(c => c.Name == "local");
        local.Subcommands.Remove(local.Subcommands.Single(c => c.Name == "database"));

        var problems = DocumentedCommands.Check(root, "README.md", File.ReadAllText(Path.Combine(Repository.Root, "README.md")));

        Assert.Contains(problems, p => p.Contains("no command `database` under `fargo local`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("`fargo deplyo --version V`", "no command `deplyo` under `fargo`")]
    [InlineData("`fargo deploy --versoin V`", "no option --versoin on `fargo deploy`")]
    [InlineData("`fargo local start / stop / restart`", "no command `restart` under `fargo local`")]
    [InlineData("```sh\ncd examples/todo-api && ../../fargo upp   # bring it up\n```", "no command `upp` under `fargo`")]
    [InlineData("`fargo infra … --env E --oidcc`", "no option --oidcc")]
    public void A_wrong_command_or_option_is_named_with_its_line(string markdown, string expected)
    {
        var problems = DocumentedCommands.Check(CreateRoot(), "page.md", markdown);

        var problem = Assert.Single(problems);
        Assert.StartsWith("page.md:", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("`fargo deploy [--version V \\| --image URI] [--force] [--no-wait] [--timeout D]`")]
    [InlineData("`fargo local start / stop / status / env / import DIR REPO:TAG`")]
    [InlineData("`fargo secret set\\|list\\|rm NAME`")]
    [InlineData("`fargo run [--no-wait] -- CMD --with-its-own-options`")]
    [InlineData("`eval \"$(fargo local env)\"`")]
    [InlineData("`fargo logs -f --since 10m`")]
    public void The_notation_of_the_pages_is_understood(string markdown)
    {
        Assert.Empty(DocumentedCommands.Check(CreateRoot(), "page.md", markdown));
    }

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);

    private static RootCommand CreateRoot() =>
        FargoApp.CreateRootCommand(new CommandServices(FargoCli.HostFor(Path.GetTempPath(), TextWriter.Null, TextWriter.Null), new GlobalOptions()));
}
