using System.Diagnostics;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

public sealed class CompletionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<IReadOnlyList<string>> Suggest(string line)
    {
        var result = await FargoCli.RunAsync(_folder.Path, $"[suggest:{line.Length}]", line);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Suggests_the_commands()
    {
        var suggestions = await Suggest("fargo ");

        Assert.Contains("init", suggestions);
        Assert.Contains("validate", suggestions);
        Assert.Contains("render", suggestions);
        Assert.Contains("completion", suggestions);
    }

    [Fact]
    public async Task Suggests_subcommands_and_completes_a_started_word()
    {
        Assert.Equal(["config", "taskdef"], (await Suggest("fargo render ")).Where(s => !s.StartsWith('-')));
        // System.CommandLine matches by substring ("--output" has a "t"); the shell scripts keep prefix matches.
        Assert.Equal(["taskdef"], (await Suggest("fargo render t")).Where(s => !s.StartsWith('-')));
        Assert.Equal(["validate"], await Suggest("fargo val"));
    }

    [Fact]
    public async Task Suggests_global_and_command_options_without_clutter()
    {
        var suggestions = await Suggest("fargo render taskdef --");

        Assert.Contains("--image", suggestions);
        Assert.Contains("--env", suggestions);
        Assert.Contains("--output", suggestions);
        Assert.Contains("--profile", suggestions);
        Assert.DoesNotContain("/?", suggestions);
        Assert.DoesNotContain("-?", suggestions);
    }

    [Fact]
    public async Task Suggests_option_values()
    {
        Assert.Equal(["json", "text"], (await Suggest("fargo validate --output ")).Order());
        Assert.Equal(["bash", "pwsh", "zsh"], (await Suggest("fargo completion ")).Where(s => !s.StartsWith('-')).Order());
    }

    [Fact]
    public async Task Suggests_the_environments_of_the_configuration_file()
    {
        _folder.Write("fargo.toml", Configs.Valid);

        Assert.Equal(["local", "prod", "qa"], await Suggest("fargo render taskdef --env "));
        Assert.Equal(["prod"], await Suggest("fargo render taskdef --env p"));
    }

    [Fact]
    public async Task Suggests_no_environments_rather_than_failing_when_there_is_no_usable_file()
    {
        Assert.Empty(await Suggest("fargo render taskdef --env "));

        _folder.Write("fargo.toml", Configs.Broken);
        Assert.Empty(await Suggest("fargo render taskdef --env "));
    }

    [Theory]
    [InlineData("bash", "complete -o default -o nosort -F _fargo_complete fargo")]
    [InlineData("zsh", "compdef _fargo fargo")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName fargo")]
    public async Task Prints_a_script_for_each_shell(string shell, string registration)
    {
        var result = await FargoCli.RunAsync(_folder.Path, "completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(registration, result.Out, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_shell_is_a_usage_error()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "completion", "fish");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task The_bash_script_completes_in_a_real_bash_with_the_real_fargo()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
        {
            throw new PlatformNotSupportedException("This test needs bash (/bin/bash) on a Unix system.");
        }

        // `fargo` on PATH is the built tool, as `dotnet tool install` would put it there.
        var bin = Directory.CreateDirectory(_folder.File("bin")).FullName;
        var launcher = _folder.Write("bin/fargo", $"#!/bin/sh\nexec dotnet '{FargoProcess.Assembly}' \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _folder.Write("project/fargo.toml", Configs.Valid);

        var output = await Bash(bin, _folder.File("project"), """
            source <(fargo completion bash)
            complete -p fargo
            complete_line() {
                COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"
                [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                _fargo_complete
                echo "$1 => ${COMPREPLY[*]}"
            }
            complete_line "fargo ren"
            complete_line "fargo render "
            complete_line "fargo render taskdef --env "
            complete_line "fargo validate --output j"
            complete_line "fargo render t"
            """);

        Assert.Contains("complete -o default -o nosort -F _fargo_complete fargo", output, StringComparison.Ordinal);
        Assert.Contains("fargo ren => render\n", output, StringComparison.Ordinal);
        Assert.Matches(@"fargo render  => (.* )?config taskdef\n", output);
        Assert.Contains("fargo render taskdef --env  => local prod qa\n", output, StringComparison.Ordinal);
        Assert.Contains("fargo validate --output j => json\n", output, StringComparison.Ordinal);
        Assert.Contains("fargo render t => taskdef\n", output, StringComparison.Ordinal);
    }

    private static async Task<string> Bash(string path, string workingDirectory, string script)
    {
        var start = new ProcessStartInfo("/bin/bash", ["--norc", "--noprofile", "-c", script])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = path + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;
        Assert.True(process.ExitCode == 0, $"bash exited {process.ExitCode}\n{text}\n{await error}");
        return text;
    }
}
