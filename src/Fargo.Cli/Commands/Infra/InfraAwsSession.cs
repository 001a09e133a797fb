using Fargo.Aws;
using Fargo.Aws.CloudFormation;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.Http;
using Fargo.Config.Model;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Targets;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// The AWS side of `fargo infra diff | up | down` for one environment: clients in the environment's region, opened
/// only after STS confirmed that the credentials belong to the environment's account (so nothing runs against the
/// wrong account), and the few reads and deletions the commands make around the CDK toolkit.
/// </summary>
internal sealed class InfraAwsSession : IDisposable
{
    private readonly AwsServiceApis _apis;
    private readonly AwsHttpClient _http;

    private InfraAwsSession(TargetEnvironment environment, AwsClientOptions options)
    {
        Environment = environment;
        Options = options;
        // Fargo.Deploy's clients for what deploys use too (ECS, STS); the rest straight from Fargo.Aws.
        _apis = new AwsServiceApis(options);
        _http = new AwsHttpClient(options);
        CloudFormation = new CloudFormationClient(_http);
        Ecr = new EcrClient(_http);
    }

    public TargetEnvironment Environment { get; }

    public AwsClientOptions Options { get; }

    public IEcsApi Ecs => _apis.Apis.Ecs;

    public CloudFormationClient CloudFormation { get; }

    public EcrClient Ecr { get; }

    /// <summary>A session on the local region (its account needs no check: the key is the region's own).</summary>
    public static InfraAwsSession ForLocalRegion(AwsClientOptions options) => new(TargetEnvironment.Local(), options);

    /// <summary>Connects to an AWS environment of fargo.toml with --profile (or the default chain) and checks the account.</summary>
    public static async Task<InfraAwsSession> OpenAsync(
        Func<string?, string, AwsClientOptions> optionsFor, string? profile, ServiceSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optionsFor);
        ArgumentNullException.ThrowIfNull(settings);
        var environment = TargetEnvironment.Of(settings.Environment);
        var session = new InfraAwsSession(environment, optionsFor(profile, environment.Region));
        try
        {
            await TargetResolver.CheckAccountAsync(session._apis.Apis.Sts, environment, cancellationToken);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The stack, or null when CloudFormation has none of that name (never created, or deleted).</summary>
    public async Task<Stack?> DescribeStackAsync(string stackName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await CloudFormation.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, cancellationToken);
            return response.Stacks is { Count: > 0 } stacks ? stacks[0] : null;
        }
        catch (AwsServiceException e) when (IsMissingStack(e))
        {
            return null;
        }
    }

    /// <summary>CloudFormation's answer for a stack name it does not know: ValidationError "Stack with id X does not exist".</summary>
    internal static bool IsMissingStack(AwsServiceException error) =>
        error.Code == "ValidationError" && error.Message.Contains("does not exist", StringComparison.Ordinal);

    public void Dispose()
    {
        _apis.Dispose();
        _http.Dispose();
    }
}
