using Fargo.Cli.Errors;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Toolkit;

namespace Fargo.Cli.Tests.Infra;

/// <summary>How the infrastructure's errors reach the user: exit codes, kinds and what to do.</summary>
public sealed class InfraErrorTests
{
    [Fact]
    public void A_configuration_the_stacks_cannot_be_built_from_is_a_configuration_error()
    {
        var report = ExceptionMapper.Map(new InfrastructureConfigurationException("environment 'qa' needs an account and a region"), CancellationToken.None);

        Assert.Equal((ErrorKinds.Configuration, 2), (report.Kind, report.ExitCode));
        Assert.Equal("environment 'qa' needs an account and a region", report.Message);
    }

    [Fact]
    public void Missing_nodejs_fails_with_how_to_install_it()
    {
        var report = ExceptionMapper.Map(new NodeNotFoundException(), CancellationToken.None);

        Assert.Equal((ErrorKinds.Failed, 1), (report.Kind, report.ExitCode));
        Assert.Contains("Node.js was not found on the PATH", report.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install nodejs npm", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_toolkit_command_fails_and_a_failed_deploy_mentions_bootstrapping()
    {
        var deploy = ExceptionMapper.Map(new CdkToolkitException("deploy", 1), CancellationToken.None);
        var diff = ExceptionMapper.Map(new CdkToolkitException("diff", 2), CancellationToken.None);

        Assert.Equal((ErrorKinds.Failed, 1), (deploy.Kind, deploy.ExitCode));
        Assert.Equal("cdk deploy failed (exit code 1); its output above says why", deploy.Message);
        Assert.Contains("fargo infra up --bootstrap", deploy.Hint, StringComparison.Ordinal);
        Assert.Equal((ErrorKinds.Failed, 1, null), (diff.Kind, diff.ExitCode, diff.Hint));
    }

    [Fact]
    public void Other_infrastructure_failures_exit_1_without_being_called_a_bug()
    {
        var report = ExceptionMapper.Map(new InfrastructureException("npm could not install aws-cdk@2.160.0 (exit code 1)"), CancellationToken.None);

        Assert.Equal((ErrorKinds.Failed, 1), (report.Kind, report.ExitCode));
        Assert.Null(report.Details);
    }
}
