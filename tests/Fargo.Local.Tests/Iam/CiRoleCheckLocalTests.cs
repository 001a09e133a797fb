using System.Text.Json.Nodes;
using Fargo.Cli.Commands.Service;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
using Fargo.Infrastructure.Pipelines;
using Fargo.Local.Tests.Support;
using Fargo.Tests;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// `fargo verify`'s roles check against the local region's IAM: the deploy role of the deploy access template
/// `fargo infra up --env prod --oidc` synthesizes (the Infrastructure snapshot), deployed to the local region, is
/// simulated with exactly the grants <see cref="DeployRolePermissions"/> lists for prod (through Fargo.Aws's IAM client
/// and the same mapping `fargo verify` uses); a policy missing one action is reported by that action and resource.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CiRoleCheckLocalTests(EngineFixture engine, CiRoleCheckLocalTests.DeployedOnce perActionRoles)
    : IClassFixture<EngineFixture>, IClassFixture<CiRoleCheckLocalTests.DeployedOnce>
{
    private const string StackName = "fargo-prod-todo-api-deploy-access";

    // One stack holds a copy of the deploy role per action, each without that action: one deploy for every case.
    private const string PerActionStackName = "fargo-prod-todo-api-deploy-access-per-action";
    private const int CopiesPerStack = 9;

    // The example's [iam] path puts the role under /delegatedadmin/developer/; locally it is in the local account.
    private const string DeployRoleArn = "arn:aws:iam::000000000000:role/delegatedadmin/developer/todo-api-prod-deploy";

    private static readonly string Template = RepositoryRoot.Combine(
        "tests", "Fargo.Infrastructure.Tests", "Snapshots", "prod-access", "fargo-prod-todo-api-deploy-access.template.json");

    [Fact]
    public async Task The_generated_deploy_role_is_allowed_everything_and_a_missing_action_is_named_with_its_resource()
    {
        await DeployAsync(File.ReadAllText(Template));
        var roles = CiRoles.Of(new CiRole("deploy role", DeployRoleArn, VerifyCiRoles.Required(DeployRolePermissions.DeployRole(ProdPipeline(), 1))));

        var allowed = await CheckAsync(roles);

        Assert.True(allowed.Status == CheckStatus.Passed, allowed.Detail);
        Assert.Matches("^all [0-9]+ \\(action, resource\\) pairs the pipeline needs are allowed for the deploy role$", allowed.Detail);

        // Tag-on-create taken away (the grant issue #14 found missing), and one action of a statement of several.
        await DeployAsync(WithoutGrants(("TagTaskDefinitionsOnRegister", "ecs:TagResource"), ("DeployService", "ecs:UpdateService")));

        var denied = await CheckAsync(roles);

        Assert.Equal(CheckStatus.Failed, denied.Status);
        Assert.Equal(
            $"the deploy role ({DeployRoleArn}) may not: " +
            "ecs:TagResource on arn:aws:ecs:us-east-1:222222222222:task-definition/todo-api-prod:*, " +
            "ecs:UpdateService on arn:aws:ecs:us-east-1:222222222222:service/fargo-prod/todo-api",
            denied.Detail);
    }

    /// <summary>Every action of the deploy role's grants for prod, with the statement it is in.</summary>
    public static TheoryData<string, string> DeployRoleActions()
    {
        var data = new TheoryData<string, string>();
        foreach (var grant in DeployRolePermissions.DeployRole(ProdPipeline(), 1))
        {
            foreach (var action in grant.Actions)
            {
                data.Add(grant.Sid, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeployRoleActions))]
    public async Task Taking_any_one_action_out_of_the_deploy_role_is_named_on_each_of_its_resources(string sid, string action)
    {
        var grant = DeployRolePermissions.DeployRole(ProdPipeline(), 1).Single(g => g.Sid == sid);
        await perActionRoles.RunOnceAsync(async () =>
        {
            // CloudFormation takes a template body of at most 51,200 bytes: a few stacks of copies.
            for (var part = 0; part * CopiesPerStack < Cases().Count; part++)
            {
                await DeployAsync(PerActionTemplate(part), $"{PerActionStackName}-{part}", "CreateOidcProvider=false");
            }
        });
        var roleArn = DeployRoleArn + "-" + CaseSuffix(sid, action);

        var check = await CheckAsync(CiRoles.Of(new CiRole("deploy role", roleArn, VerifyCiRoles.Required(DeployRolePermissions.DeployRole(ProdPipeline(), 1)))));

        Assert.Equal(
            $"the deploy role ({roleArn}) may not: {string.Join(", ", grant.Resources.Select(resource => $"{action} on {resource}"))}",
            check.Detail);
    }

    [Fact]
    public async Task A_role_the_local_IAM_does_not_have_fails_the_check()
    {
        var roles = CiRoles.Of(new CiRole("deploy role", "arn:aws:iam::000000000000:role/nobody-deploy", [new RequiredGrant(["ecs:UpdateService"], ["*"])]));

        var check = await CheckAsync(roles);

        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.StartsWith("the deploy role arn:aws:iam::000000000000:role/nobody-deploy could not be simulated (", check.Detail, StringComparison.Ordinal);
    }

    private async Task<PreflightCheck> CheckAsync(CiRoles roles)
    {
        using var apis = new AwsServiceApis(engine.Region.ClientOptions());
        return await CiRoleCheck.RunAsync(apis.Apis.Iam, roles, CancellationToken.None);
    }

    /// <summary>The example API's pipeline as the snapshot was synthesized from it (TestPipelines.Webhook of the Infrastructure tests).</summary>
    private static DeliveryPipeline ProdPipeline()
    {
        var config = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(RepositoryRoot.Combine("examples", "todo-api", "fargo.toml")));
        return DeliveryPipeline.Create(
            new PipelineSettings("acme/todo-api", "main", ["qa", "prod"], [], [], Connection: null),
            "acme/todo-api",
            [config.ForEnvironment("qa", "todo-api"), config.ForEnvironment("prod", "todo-api")],
            "1.2.3",
            "services/todo-api");
    }

    /// <summary>The template with each (Sid, action) taken out of the deploy role's policy; a statement left with no action goes.</summary>
    private static string WithoutGrants(params (string Sid, string Action)[] removals)
    {
        var template = JsonNode.Parse(File.ReadAllText(Template))!;
        var policy = template["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == "AWS::IAM::Policy").Value!;
        RemoveGrants(policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray(), removals);
        return template.ToJsonString();
    }

    /// <summary>Each case's (Sid, action), in the order of the theory's rows.</summary>
    private static List<(string Sid, string Action)> Cases() => [.. DeployRoleActions().Select(row => ((string)row[0], (string)row[1]))];

    /// <summary>"without-7": a case's part of its role's name (the case's own words would pass IAM's 64 characters).</summary>
    private static string CaseSuffix(string sid, string action) => $"without-{Cases().IndexOf((sid, action))}";

    /// <summary>
    /// The deploy access template with, instead of the deploy role and its policy, a copy of both for each of a part's
    /// actions of the deploy role's grants, named after the case and without that one action; the OIDC provider and the
    /// outputs are the first stack's (CreateOidcProvider=false keeps the provider out).
    /// </summary>
    private static string PerActionTemplate(int part)
    {
        var template = JsonNode.Parse(File.ReadAllText(Template))!.AsObject();
        template.Remove("Outputs");
        var resources = template["Resources"]!.AsObject();
        var (roleId, role) = resources.Single(r => (string?)r.Value!["Type"] == "AWS::IAM::Role");
        var (_, policy) = resources.Single(r => (string?)r.Value!["Type"] == "AWS::IAM::Policy");
        resources.Remove(roleId);
        resources.Remove(resources.Single(r => (string?)r.Value!["Type"] == "AWS::IAM::Policy").Key);
        var copies = Cases();
        for (var i = part * CopiesPerStack; i < Math.Min(copies.Count, (part + 1) * CopiesPerStack); i++)
        {
            var (sid, action) = copies[i];
            var copiedRole = role!.DeepClone();
            copiedRole["Properties"]!["RoleName"] = (string?)role["Properties"]!["RoleName"] + "-" + CaseSuffix(sid, action);
            var copiedPolicy = policy!.DeepClone();
            copiedPolicy["Properties"]!["PolicyName"] = $"Without{i}";
            copiedPolicy["Properties"]!["Roles"] = new JsonArray(new JsonObject { ["Ref"] = $"{roleId}Without{i}" });
            RemoveGrants(copiedPolicy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray(), (sid, action));
            resources[$"{roleId}Without{i}"] = copiedRole;
            resources[$"PolicyWithout{i}"] = copiedPolicy;
        }

        return template.ToJsonString();
    }

    private static void RemoveGrants(JsonArray statements, params (string Sid, string Action)[] removals)
    {
        foreach (var (sid, action) in removals)
        {
            var statement = statements.Single(s => (string?)s!["Sid"] == sid)!;
            if (statement["Action"] is JsonArray actions)
            {
                actions.Remove(actions.Single(a => (string?)a == action));
            }
            else
            {
                Assert.Equal(action, (string?)statement["Action"]);
                statements.Remove(statement);
            }
        }
    }

    private async Task DeployAsync(string template, string stackName = StackName, params string[] parameters)
    {
        var path = Path.Combine(engine.WorkDirectory, stackName + ".template.json");
        await File.WriteAllTextAsync(path, template);
        // The AWS CLI names its change set awscli-cloudformation-package-deploy-<unix seconds>, and the stack keeps the
        // change set it last executed (as on AWS): two deploys of the stack within one second would collide on the name.
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - DateTimeOffset.UtcNow.Millisecond + 20));
        string[] overrides = parameters.Length == 0 ? [] : ["--parameter-overrides", .. parameters];
        var deployed = await engine.AwsAsync(["cloudformation", "deploy", "--stack-name", stackName, "--template-file", path,
            "--capabilities", "CAPABILITY_NAMED_IAM", "--no-fail-on-empty-changeset", .. overrides]);
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
    }

    /// <summary>Runs a setup once for the class's test cases: the per-action stack is deployed by the first case that needs it.</summary>
    public sealed class DeployedOnce : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private bool _done;

        public async Task RunOnceAsync(Func<Task> setup)
        {
            ArgumentNullException.ThrowIfNull(setup);
            await _gate.WaitAsync();
            try
            {
                if (!_done)
                {
                    await setup();
                    _done = true;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose() => _gate.Dispose();
    }
}
