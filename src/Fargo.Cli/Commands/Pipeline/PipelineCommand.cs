using System.CommandLine;

namespace Fargo.Cli.Commands.Pipeline;

/// <summary>
/// `fargo pipeline github | codepipeline`: CI/CD that builds the image once, tests it inside itself, deploys it to
/// the first stage and promotes the very same digest through the later ones, the last after a person approves.
/// </summary>
internal sealed class PipelineCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command(
            "pipeline",
            "CI/CD from fargo.toml's [pipeline]: build the image once, test it inside itself, push and deploy it to the first " +
            "stage, then promote that very digest (no rebuild) and deploy it to each later stage, the last one after a person " +
            "approves. AWS access through roles (OIDC for GitHub): no stored keys.")
        {
            new GitHubWorkflowCommand().Create(services),
            new CodePipelineCommand().Create(services),
        };
    }
}
