using Fargo.Cli.Commands.Service;
using Fargo.Cli.Tests.Support;
using Fargo.Config;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;

namespace Fargo.Cli.Tests;

/// <summary>Which CI roles `fargo verify --env E` checks, at which ARNs, with which grants (the deploy access stack's).</summary>
public sealed class VerifyCiRolesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // The command tests' valid file (qa, then prod: the default stages), with a role path and the pipeline's repository.
    public VerifyCiRolesTests() => _folder.Write("fargo.toml", Configs.Valid + """


        [iam]
        path = "/ci/"

        [pipeline]
        repository = "acme/shop"
        """);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_stage_that_another_follows_has_its_deploy_and_read_roles_checked_with_the_stack_s_grants()
    {
        var roles = await RolesAsync("qa");

        Assert.Null(roles.Absent);
        Assert.Equal(
            [("deploy role", "arn:aws:iam::111111111111:role/ci/shop-qa-deploy"), ("read role", "arn:aws:iam::111111111111:role/ci/shop-qa-read")],
            roles.Roles.Select(r => (r.Name, r.Arn)));
        var tagging = Assert.Single(roles.Roles[0].Grants, g => g.Actions.Contains("ecs:TagResource"));
        Assert.Equal(new RequiredContext("ecs:CreateAction", "RegisterTaskDefinition"), tagging.Context);
        Assert.Contains(roles.Roles[1].Grants, g => g.Actions.Contains("ecr:BatchGetImage") && g.Resources.SequenceEqual(["arn:aws:ecr:eu-west-1:111111111111:repository/shop"]));
    }

    [Fact]
    public async Task The_last_stage_has_only_its_deploy_role_which_may_assume_the_previous_read_role()
    {
        var roles = await RolesAsync("prod");

        var deploy = Assert.Single(roles.Roles);
        Assert.Equal("arn:aws:iam::222222222222:role/ci/shop-prod-deploy", deploy.Arn);
        Assert.Contains(deploy.Grants, g => g.Actions.SequenceEqual(["sts:AssumeRole"]) && g.Resources.SequenceEqual(["arn:aws:iam::111111111111:role/ci/shop-qa-read"]));
    }

    [Fact]
    public async Task An_environment_that_is_not_a_stage_has_no_roles_to_check()
    {
        var roles = await RolesAsync("local");

        Assert.Empty(roles.Roles);
        Assert.Equal("no CI roles to check: local is not a stage of [pipeline] (qa, prod); only a stage gets a deploy role (fargo infra up --env STAGE --oidc)", roles.Absent);
    }

    [Fact]
    public async Task In_an_app_any_services_verify_checks_the_apps_roles_with_every_services_grants()
    {
        _folder.Write("fargo.toml", Configs.App + "\n[pipeline]\nrepository = \"acme/shop\"\n");

        var roles = await RolesAsync("qa", "pricing");

        Assert.Null(roles.Absent);
        Assert.Equal(["arn:aws:iam::111111111111:role/shop-qa-deploy", "arn:aws:iam::111111111111:role/shop-qa-read"], roles.Roles.Select(r => r.Arn));
        Assert.Contains(roles.Roles[0].Grants, g => g.Actions.Contains("ecs:UpdateService") && g.Resources.SequenceEqual(
            ["arn:aws:ecs:eu-west-1:111111111111:service/fargo-qa/web", "arn:aws:ecs:eu-west-1:111111111111:service/fargo-qa/pricing"]));
        Assert.Contains(roles.Roles[1].Grants, g => g.Actions.Contains("ecr:BatchGetImage") && g.Resources.SequenceEqual(
            ["arn:aws:ecr:eu-west-1:111111111111:repository/web", "arn:aws:ecr:eu-west-1:111111111111:repository/pricing"]));
    }

    private async Task<CiRoles> RolesAsync(string environment, string? service = null)
    {
        var config = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(_folder.File("fargo.toml")));
        var settings = service is null ? config.ForEnvironment(environment) : config.ForEnvironment(environment, service);
        return await VerifyCiRoles.ForAsync(new ServiceSelection(ServiceSpec.FromSettings(settings), TargetEnvironment.Of(settings.Environment), config), CancellationToken.None);
    }
}
