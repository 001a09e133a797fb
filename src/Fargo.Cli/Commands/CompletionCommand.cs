using System.CommandLine;
using Fargo.Cli.Completion;

namespace Fargo.Cli.Commands;

/// <summary>`fargo completion bash|zsh|pwsh`: prints the shell's completion script.</summary>
internal sealed class CompletionCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var shell = new Argument<string>("shell")
        {
            Description = "The shell: bash, zsh or pwsh.",
        };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command(
            "completion",
            "Print a script that completes fargo's commands, options and environment names in your shell. " +
            "bash: source <(fargo completion bash). zsh: source <(fargo completion zsh). " +
            "PowerShell: fargo completion pwsh | Out-String | Invoke-Expression.")
        {
            shell,
        };
        services.SetAction(command, context =>
        {
            var writer = context.Host.OutWriter;
            writer.Write(CompletionScripts.For(context.ParseResult.GetRequiredValue(shell)));
            writer.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
