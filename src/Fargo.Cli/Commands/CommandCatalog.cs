namespace Fargo.Cli.Commands;

/// <summary>Every top-level command, in the order `fargo --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new InitCommand(),
        new ValidateCommand(),
        new RenderCommand(),
        new Service.UpCommand(),
        new Service.DownCommand(),
        new Service.BuildCommand(),
        new Service.PushCommand(),
        new Service.DeployCommand(),
        new Service.RedeployCommand(),
        new Service.RollbackCommand(),
        new Service.ScaleCommand(),
        new Service.StatusCommand(),
        new Service.LogsCommand(),
        new Service.RunCommand(),
        new Service.VerifyCommand(),
        new Service.DiffCommand(),
        new Service.SecretCommand(),
        new Service.PromoteCommand(),
        new Local.LocalCommand(),
        new Infra.InfraCommand(),
        new Pipeline.PipelineCommand(),
        new CompletionCommand(),
    ];
}
