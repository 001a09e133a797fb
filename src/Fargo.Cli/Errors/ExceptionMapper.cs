using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Config;
using Fargo.Deploy;
using Fargo.Deploy.Rendering;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Toolkit;
using Fargo.Local.Artifacts;
using Fargo.Local.Client;
using Fargo.Local.Database;

namespace Fargo.Cli.Errors;

/// <summary>
/// The one place where exceptions become exit codes and messages. A command throws the typed exception that
/// says what went wrong; this decides what the user sees and what the shell gets. Add a case here when a
/// new kind of user-caused error appears; anything not listed is a bug and is reported as one.
/// </summary>
internal static class ExceptionMapper
{
    public static ErrorReport Map(Exception exception, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OperationCanceledException when cancellation.IsCancellationRequested =>
                new ErrorReport(ErrorKinds.Interrupted, ExitCodes.Interrupted, "Interrupted."),

            ConfigException config => new ErrorReport(
                ErrorKinds.Configuration,
                ExitCodes.Usage,
                config.Diagnostics.Count == 1 ? "The configuration has 1 error." : $"The configuration has {config.Diagnostics.Count} errors.",
                Problems: [.. config.Diagnostics.Select(d => new LocatedProblem(d.File, d.Line, d.Column, d.KeyPath.Length == 0 ? null : d.KeyPath, d.Message, d.Hint))]),

            UnknownEnvironmentException environment =>
                new ErrorReport(ErrorKinds.Usage, ExitCodes.Usage, environment.Message, environment.Hint),

            UnknownServiceException service =>
                new ErrorReport(ErrorKinds.Usage, ExitCodes.Usage, service.Message, service.Hint),

            SeveralServicesException several =>
                new ErrorReport(ErrorKinds.Usage, ExitCodes.Usage, several.Message, several.Hint),

            TaskDefinitionRenderException render =>
                new ErrorReport(ErrorKinds.Configuration, ExitCodes.Usage, render.Message, render.Hint),

            DeployUsageException deployUsage =>
                new ErrorReport(ErrorKinds.Usage, ExitCodes.Usage, deployUsage.Message, deployUsage.Hint),

            DeployException deploy => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, deploy.Message, deploy.Hint),

            UsageException usage => new ErrorReport(ErrorKinds.Usage, ExitCodes.Usage, usage.Message, usage.Hint),

            OperationFailedException failed => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, failed.Message, failed.Hint),

            AwsCredentialsException credentials => new ErrorReport(
                ErrorKinds.Credentials,
                ExitCodes.Usage,
                credentials.Message,
                credentials.Profile is null ? "Pass --profile NAME, or set AWS_PROFILE." : null),

            AwsConfigurationException configuration =>
                new ErrorReport(ErrorKinds.Configuration, ExitCodes.Usage, configuration.Message),

            AwsServiceException aws => new ErrorReport(ErrorKinds.Aws, ExitCodes.Failure, aws.ToString()),

            AwsException aws => new ErrorReport(ErrorKinds.Aws, ExitCodes.Failure, aws.Message),

            InfrastructureConfigurationException infrastructure =>
                new ErrorReport(ErrorKinds.Configuration, ExitCodes.Usage, infrastructure.Message),

            // Its message says how to install Node.js.
            NodeNotFoundException node => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, node.Message),

            CdkToolkitException toolkit => new ErrorReport(
                ErrorKinds.Failed,
                ExitCodes.Failure,
                toolkit.Message,
                toolkit.Command == "deploy" ? "If it says the environment is not bootstrapped, run `fargo infra up --bootstrap` once for the account and region." : null),

            // The toolkit could not be installed, a folder cannot take an assembly: the operation failed.
            InfrastructureException infrastructure => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, infrastructure.Message),

            LocalRegionException local => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, local.Message, local.Hint),

            // Its message says what to install.
            PostgresUnavailableException postgres => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, postgres.Message),

            DatabaseOperationException database => new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, database.Message),

            // A folder that cannot become an image (a link out of it, an unreadable file): the user's input.
            ArtifactException artifact => new ErrorReport(ErrorKinds.Usage, ExitCodes.Usage, artifact.Message),

            // The file system refused (read-only folder, disk full, permissions): the operation failed, no bug.
            IOException or UnauthorizedAccessException =>
                new ErrorReport(ErrorKinds.Failed, ExitCodes.Failure, exception.Message),

            _ => new ErrorReport(
                ErrorKinds.Internal,
                ExitCodes.Failure,
                $"Internal error: {exception.GetType().Name}: {exception.Message}",
                "This is a bug in Fargo. Run again with --verbose for the full details, and report them.",
                Details: exception.ToString()),
        };
    }
}
