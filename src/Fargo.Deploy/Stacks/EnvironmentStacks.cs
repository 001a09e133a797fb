using Fargo.Aws.CloudFormation;

namespace Fargo.Deploy.Stacks;

/// <summary>The two synthesized templates of a service in an environment, and their stack names.</summary>
public sealed record StackTemplates(string EnvironmentStack, string EnvironmentTemplate, string ServiceStack, string ServiceTemplate);

/// <summary>
/// Parameter values of the two stacks beyond the live image: what `infra up` decided from the environment as it is
/// (who its settings come from, the service's listener rule priority).
/// </summary>
public sealed record StackInputs(IReadOnlyDictionary<string, string> Environment, IReadOnlyDictionary<string, string> Service)
{
    public static StackInputs None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}

/// <summary>A stack of an environment as CloudFormation describes it now.</summary>
public sealed record StackDescription(string Name, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Outputs);

/// <summary>An environment's stack (null when there is none) and its service stacks.</summary>
public sealed record EnvironmentStackListing(StackDescription? Environment, IReadOnlyList<StackDescription> Services);

/// <summary>What `up` did to each stack, and the service stack's outputs.</summary>
public sealed record EnvironmentStacksResult(StackResult Environment, StackResult Service);

/// <summary>
/// An environment's stacks on a CloudFormation that Fargo drives itself (the local region's): the environment stack
/// first, then the service stack, with the parameters the caller gives (those `fargo infra up` passes on AWS: the live
/// image among them); down deletes the service stack, and the environment stack once no other service stack of the
/// environment is left.
/// </summary>
public static class EnvironmentStacks
{
    /// <summary>The stacks name their IAM roles.</summary>
    public static IReadOnlyList<string> Capabilities { get; } = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"];

    public static async Task<EnvironmentStacksResult> UpAsync(
        StackDeployer deployer, StackTemplates templates, StackInputs inputs, IProgress<StackEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(inputs);
        var environment = await deployer.DeployAsync(EnvironmentDeployment(templates, inputs), progress, cancellationToken).ConfigureAwait(false);
        var service = await deployer.DeployAsync(ServiceDeployment(templates, inputs), progress, cancellationToken).ConfigureAwait(false);
        return new EnvironmentStacksResult(environment, service);
    }

    /// <summary>What `up` would change in each stack, changing nothing.</summary>
    public static async Task<IReadOnlyList<StackPlan>> DiffAsync(
        StackDeployer deployer, StackTemplates templates, StackInputs inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(inputs);
        return
        [
            await deployer.PlanAsync(EnvironmentDeployment(templates, inputs), cancellationToken).ConfigureAwait(false),
            await deployer.PlanAsync(ServiceDeployment(templates, inputs), cancellationToken).ConfigureAwait(false),
        ];
    }

    /// <summary>Deletes the service stack, then the environment stack unless another service stack of the environment is left.</summary>
    public static async Task<IReadOnlyList<StackResult>> DownAsync(
        StackDeployer deployer, ICloudFormationApi cloudFormation, StackTemplates templates, IProgress<StackEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(cloudFormation);
        ArgumentNullException.ThrowIfNull(templates);
        var results = new List<StackResult> { await deployer.DeleteAsync(templates.ServiceStack, progress, cancellationToken).ConfigureAwait(false) };
        var listing = await ListAsync(cloudFormation, templates.EnvironmentStack, cancellationToken).ConfigureAwait(false);
        if (listing.Services.All(s => s.Name == templates.ServiceStack))
        {
            results.Add(await deployer.DeleteAsync(templates.EnvironmentStack, progress, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>The physical ids of a stack's resources of one type (none when the stack does not exist).</summary>
    public static async Task<IReadOnlyList<string>> PhysicalIdsAsync(ICloudFormationApi cloudFormation, string stackName, string resourceType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudFormation);
        var ids = new List<string>();
        string? token = null;
        try
        {
            do
            {
                var page = await cloudFormation.ListStackResourcesAsync(new ListStackResourcesRequest { StackName = stackName, NextToken = token }, cancellationToken).ConfigureAwait(false);
                ids.AddRange((page.StackResourceSummaries ?? []).Where(r => r.ResourceType == resourceType).Select(r => r.PhysicalResourceId).OfType<string>());
                token = page.NextToken;
            }
            while (token is not null);
        }
        catch (Fargo.Aws.AwsServiceException e) when (e.Code == "ValidationError" && e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return [];
        }

        return ids;
    }

    /// <summary>
    /// The environment's stack and its service stacks ("fargo-ENV-…", which import its exports) as they are now, with
    /// their parameters and outputs: what `down` checks before deleting the environment stack, and what the checks of a
    /// shared environment read.
    /// </summary>
    public static async Task<EnvironmentStackListing> ListAsync(ICloudFormationApi cloudFormation, string environmentStack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudFormation);
        ArgumentNullException.ThrowIfNull(environmentStack);
        StackDescription? environment = null;
        var services = new List<StackDescription>();
        string? token = null;
        do
        {
            var page = await cloudFormation.DescribeStacksAsync(new DescribeStacksRequest { NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var stack in (page.Stacks ?? []).Where(s => s.StackStatus != StackStatus.DeleteComplete))
            {
                if (stack.StackName == environmentStack)
                {
                    environment = Listed(stack);
                }
                else if (stack.StackName.StartsWith(environmentStack + "-", StringComparison.Ordinal))
                {
                    services.Add(Listed(stack));
                }
            }

            token = page.NextToken;
        }
        while (token is not null);

        return new EnvironmentStackListing(environment, services);
    }

    private static StackDescription Listed(Stack stack) => new(
        stack.StackName,
        (stack.Parameters ?? []).Where(p => p.ParameterKey is not null).ToDictionary(p => p.ParameterKey!, p => p.ParameterValue ?? "", StringComparer.Ordinal),
        (stack.Outputs ?? []).Where(o => o.OutputKey is not null).ToDictionary(o => o.OutputKey!, o => o.OutputValue ?? "", StringComparer.Ordinal));

    private static StackDeployment EnvironmentDeployment(StackTemplates templates, StackInputs inputs) =>
        new(templates.EnvironmentStack, File.ReadAllText(templates.EnvironmentTemplate), inputs.Environment, Capabilities);

    private static StackDeployment ServiceDeployment(StackTemplates templates, StackInputs inputs) =>
        new(templates.ServiceStack, File.ReadAllText(templates.ServiceTemplate), inputs.Service, Capabilities);
}
