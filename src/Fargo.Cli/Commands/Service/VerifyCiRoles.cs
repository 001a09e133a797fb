using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Deploy.Operations;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// The CI roles `fargo verify` checks for an environment: the deploy role of a [pipeline] stage, and its read role when
/// a later stage promotes from it, each with exactly the grants <see cref="DeployRolePermissions"/> writes into it (the
/// deploy access stack of `fargo infra up --env E --oidc`), at the ARNs that stack gives the roles.
/// </summary>
internal static class VerifyCiRoles
{
    public static async Task<CiRoles> ForAsync(ServiceSelection selection, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Config is not ServiceConfig config)
        {
            return CiRoles.None("a flat deploy file has no [pipeline], so no CI roles to check");
        }

        var environment = selection.Environment.Name;
        var stages = config.Pipeline.Stages;
        if (!stages.Contains(environment))
        {
            return CiRoles.None(stages.Count == 0
                ? $"no CI roles to check: {environment} is not a pipeline stage (fargo.toml has no AWS environment for [pipeline])"
                : $"no CI roles to check: {environment} is not a stage of [pipeline] ({string.Join(", ", stages)}); only a stage gets a deploy role (fargo infra up --env STAGE --oidc)");
        }

        DeliveryPipeline pipeline;
        try
        {
            pipeline = await DeliveryPipelineLoader.LoadAsync(config, cancellation);
        }
        catch (Exception e) when (e is UsageException or InfrastructureConfigurationException)
        {
            return CiRoles.None($"the pipeline's roles cannot be worked out: {e.Message}");
        }

        var index = pipeline.IndexOf(environment);
        var stage = pipeline.Stages[index];
        var deploy = new CiRole("deploy role", stage.DeployRoleArn, Required(DeployRolePermissions.DeployRole(pipeline, index)));
        return index + 1 < pipeline.Stages.Count
            ? CiRoles.Of(deploy, new CiRole("read role", stage.ReadRoleArn, Required(DeployRolePermissions.ReadRole(pipeline, index))))
            : CiRoles.Of(deploy);
    }

    /// <summary>A grant as a simulation needs it: its condition's key and value become the request context.</summary>
    internal static IReadOnlyList<RequiredGrant> Required(IEnumerable<PermissionGrant> grants) =>
        [.. grants.Select(grant => new RequiredGrant(
            grant.Actions,
            grant.Resources,
            grant.Condition is { } condition ? new RequiredContext(condition.Key, condition.Value) : null))];
}
