using Fargo.Infrastructure.Toolkit;

namespace Fargo.Infrastructure.Tests;

public sealed class CdkCommandLineTests
{
    internal static readonly SynthesizedAssembly Assembly = new(
        "/work/out/prod",
        new StackNames("fargo-prod", "fargo-prod-todo-api"),
        "/work/out/prod/fargo-prod.template.json",
        "/work/out/prod/fargo-prod-todo-api.template.json",
        "222222222222",
        "us-east-1",
        KeepsData: true,
        HostedZoneToLookUp: "example.com",
        ExistingVpcId: null,
        NeedsVpcCidr: false,
        Repository: RepositoryPlacement.Alone);

    private static readonly CdkRunOptions Defaults = new();

    private static readonly SingleStackAssembly Access = new(
        "/work/out/prod-deploy-access", "fargo-prod-todo-api-deploy-access", "/work/out/prod-deploy-access/fargo-prod-todo-api-deploy-access.template.json",
        "222222222222", "us-east-1", []);

    [Fact]
    public void Single_stack_commands_name_only_that_stack_and_pass_its_parameters()
    {
        Assert.Equal(
            [
                "deploy", "--app", "/work/out/prod-deploy-access", "--no-color", "--no-notices",
                "--require-approval", "never", "--progress", "events", "--outputs-file", "/tmp/o.json",
                "--parameters", "fargo-prod-todo-api-deploy-access:CreateOidcProvider=false",
                "fargo-prod-todo-api-deploy-access",
            ],
            CdkCommandLine.Deploy(Access, new Dictionary<string, string> { [StackParameters.CreateOidcProvider] = "false" }, ApprovalLevel.Never, "/tmp/o.json", Defaults));
        Assert.Equal(
            ["diff", "--app", "/work/out/prod-deploy-access", "--no-color", "--no-notices", "--profile", "ci", "fargo-prod-todo-api-deploy-access"],
            CdkCommandLine.Diff(Access, new CdkRunOptions("ci")));
        Assert.Equal(
            ["destroy", "--app", "/work/out/prod-deploy-access", "--no-color", "--no-notices", "--force", "fargo-prod-todo-api-deploy-access"],
            CdkCommandLine.Destroy(Access, Defaults));
        Assert.Equal(
            ["bootstrap", "--app", "/work/out/prod-deploy-access", "--no-color", "--no-notices", "aws://222222222222/us-east-1"],
            CdkCommandLine.Bootstrap(Access, Defaults));
        // Nothing given: the stack keeps its values (on the first deploy, the default creates the provider).
        Assert.DoesNotContain("--parameters", CdkCommandLine.Deploy(Access, new Dictionary<string, string>(), ApprovalLevel.Never, "/tmp/o.json", Defaults));
    }

    [Fact]
    public void An_apps_commands_name_the_environment_stack_and_every_service_stack_and_destroy_takes_callers_first()
    {
        // pricing is called by todo-api: deploy order pricing, todo-api (the toolkit orders by dependencies as well).
        var pricing = Assembly with { Stacks = new StackNames("fargo-prod", "fargo-prod-pricing"), ServiceTemplate = "/work/out/prod/fargo-prod-pricing.template.json" };
        IReadOnlyList<SynthesizedAssembly> app = [pricing, Assembly];
        var shared = new SharedEnvironmentInputs(new EnvironmentOwner("pricing", "/src/fargo.toml"), null);
        var deploy = CdkCommandLine.Deploy(
            [
                new ServiceDeployment(pricing, new DeployInputs("1.dkr.ecr.us-east-1.amazonaws.com/pricing@sha256:aa", HostedZoneId: "Z123", Shared: shared)),
                new ServiceDeployment(Assembly, new DeployInputs(null, HostedZoneId: "Z123", Shared: new SharedEnvironmentInputs(new EnvironmentOwner("todo-api", "/src/fargo.toml"), 7))),
            ],
            ApprovalLevel.Never, "/tmp/outputs.json", Defaults);

        Assert.Equal(
            [
                "deploy", "--app", "/work/out/prod", "--no-color", "--no-notices",
                "--require-approval", "never", "--progress", "events", "--outputs-file", "/tmp/outputs.json",
                "--parameters", "fargo-prod-pricing:Image=1.dkr.ecr.us-east-1.amazonaws.com/pricing@sha256:aa",
                // The environment stack's parameters once, from the first service.
                "--parameters", "fargo-prod:HostedZoneId=Z123",
                "--parameters", """fargo-prod:ConfiguredBy={"service":"pricing","configFile":"/src/fargo.toml"}""",
                "--parameters", "fargo-prod-todo-api:ListenerRulePriority=7",
                "fargo-prod", "fargo-prod-pricing", "fargo-prod-todo-api",
            ],
            deploy);
        Assert.Equal(
            ["diff", "--app", "/work/out/prod", "--no-color", "--no-notices", "fargo-prod", "fargo-prod-pricing", "fargo-prod-todo-api"],
            CdkCommandLine.Diff(app, Defaults));
        Assert.Equal(
            ["destroy", "--app", "/work/out/prod", "--no-color", "--no-notices", "--force", "fargo-prod-todo-api", "fargo-prod-pricing", "fargo-prod"],
            CdkCommandLine.Destroy(app, Defaults));
    }

    [Fact]
    public void Deploy_passes_the_live_image_to_the_service_stack_and_streams_events()
    {
        var arguments = CdkCommandLine.Deploy(Assembly, new DeployInputs("123.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:abc", HostedZoneId: "Z123456789"), ApprovalLevel.Never, "/tmp/outputs.json", Defaults);
        Assert.Equal(
            [
                "deploy", "--app", "/work/out/prod", "--no-color", "--no-notices",
                "--require-approval", "never",
                "--progress", "events",
                "--outputs-file", "/tmp/outputs.json",
                "--parameters", "fargo-prod-todo-api:Image=123.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:abc",
                "--parameters", "fargo-prod:HostedZoneId=Z123456789",
                "fargo-prod", "fargo-prod-todo-api",
            ],
            arguments);
    }

    [Fact]
    public void Without_a_live_image_no_image_parameter_is_passed_so_the_stack_keeps_its_own()
    {
        var arguments = CdkCommandLine.Deploy(Assembly, new DeployInputs(LiveImage: null), ApprovalLevel.Broadening, "/tmp/o.json", Defaults);
        Assert.DoesNotContain("--parameters", arguments);
        Assert.Equal("broadening", arguments[arguments.ToList().IndexOf("--require-approval") + 1]);
    }

    [Fact]
    public void An_empty_live_image_is_refused_rather_than_stopping_the_service()
    {
        // An empty image would select the "no tasks" bootstrap branch of the template.
        Assert.Throws<ArgumentException>(() => CdkCommandLine.Deploy(Assembly, new DeployInputs(" "), ApprovalLevel.Never, "/tmp/o.json", Defaults));
    }

    [Theory]
    [InlineData(ApprovalLevel.Never, "never")]
    [InlineData(ApprovalLevel.Broadening, "broadening")]
    [InlineData(ApprovalLevel.AnyChange, "any-change")]
    public void Approval_levels_map_to_the_toolkit_values(ApprovalLevel level, string expected) =>
        Assert.Equal(expected, CdkCommandLine.ApprovalArgument(level));

    [Fact]
    public void Existing_vpc_subnets_and_cidr_go_to_the_environment_stack()
    {
        var inputs = new DeployInputs("img:1", Subnets: new ExistingVpcSubnets(["subnet-a", "subnet-b"], ["subnet-c", "subnet-d"]), VpcCidr: "10.1.0.0/16");
        Assert.Equal(
            [
                "--parameters", "fargo-prod-todo-api:Image=img:1",
                "--parameters", "fargo-prod:PublicSubnetIds=subnet-a,subnet-b",
                "--parameters", "fargo-prod:PrivateSubnetIds=subnet-c,subnet-d",
                "--parameters", "fargo-prod:VpcCidr=10.1.0.0/16",
            ],
            CdkCommandLine.ParameterArguments(Assembly, inputs));

        var error = Assert.Throws<InfrastructureConfigurationException>(() =>
            CdkCommandLine.ParameterArguments(Assembly, new DeployInputs(null, Subnets: new ExistingVpcSubnets(["subnet-a"], ["subnet-c", "subnet-d"]))));
        Assert.Contains("exactly two public subnets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_compares_both_stacks_with_the_chosen_profile()
    {
        var arguments = CdkCommandLine.Diff(Assembly, new CdkRunOptions(Profile: "prod-admin"));
        Assert.Equal(
            ["diff", "--app", "/work/out/prod", "--no-color", "--no-notices", "--profile", "prod-admin", "fargo-prod", "fargo-prod-todo-api"],
            arguments);
    }

    [Fact]
    public void Destroy_deletes_the_service_stack_then_the_environment_without_asking_again()
    {
        Assert.Equal(
            ["destroy", "--app", "/work/out/prod", "--no-color", "--no-notices", "--force", "fargo-prod-todo-api", "fargo-prod"],
            CdkCommandLine.Destroy(Assembly, Defaults));
    }

    [Fact]
    public void Bootstrap_targets_the_environment_account_and_region()
    {
        Assert.Equal(
            ["bootstrap", "--app", "/work/out/prod", "--no-color", "--no-notices", "aws://222222222222/us-east-1"],
            CdkCommandLine.Bootstrap(Assembly, Defaults));
    }

    [Fact]
    public void Install_command_installs_the_pinned_toolkit_under_the_prefix()
    {
        var install = CdkToolkitInstallation.InstallCommand("/usr/bin/npm", "/home/me/.fargo/tools/aws-cdk/.install-1");
        Assert.Equal("/usr/bin/npm", install.FileName);
        Assert.Equal(["install", "--prefix", "/home/me/.fargo/tools/aws-cdk/.install-1"], install.Arguments.Take(3));
        Assert.Equal("aws-cdk@2.160.0", install.Arguments[^1]);
    }

    [Fact]
    public void Pinned_toolkit_matches_the_root_package_json()
    {
        // Tests and users run the same toolkit.
        using var package = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("package.json")));
        Assert.Equal(CdkToolkitInstallation.Version, package.RootElement.GetProperty("devDependencies").GetProperty("aws-cdk").GetString());
    }
}

public sealed class NodeRuntimeTests
{
    [Theory]
    [InlineData("v20.20.2", 20)]
    [InlineData("v18.0.0\n", 18)]
    [InlineData("22", 22)]
    public void Parses_node_versions(string text, int major) => Assert.Equal(major, NodeRuntime.ParseVersion(text)!.Major);

    [Fact]
    public void Unparseable_version_is_null() => Assert.Null(NodeRuntime.ParseVersion("not node"));

    [Fact]
    public void Finds_node_in_the_first_path_folder_that_has_it()
    {
        var path = string.Join(Path.PathSeparator, "/a", "/b", "/c");
        var found = NodeRuntime.Locate(jsiiNode: null, path, candidate => candidate is "/b/node" or "/c/node");
        Assert.Equal(Path.Combine("/b", "node"), found);
    }

    [Fact]
    public void Jsii_node_overrides_the_path() =>
        Assert.Equal("/opt/node/bin/node", NodeRuntime.Locate("/opt/node/bin/node", "/usr/bin", _ => false));

    [Fact]
    public void Missing_node_says_what_to_install()
    {
        var error = Assert.Throws<NodeNotFoundException>(() => NodeRuntime.Locate(null, "/nowhere", _ => false));
        Assert.Contains("Node.js was not found on the PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("Node.js 18 or newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Old_node_is_refused_with_its_version()
    {
        var runner = new FakeProcessRunner { Respond = (_, output) => { output(new OutputLine(OutputSource.StandardOutput, "v16.20.0")); return 0; } };
        var error = await Assert.ThrowsAsync<NodeNotFoundException>(() => NodeRuntime.CheckVersionAsync(runner, "/usr/bin/node", CancellationToken.None));
        Assert.Contains("Node.js v16.20.0 is too old", error.Message, StringComparison.Ordinal);
    }
}

public sealed class TeardownPlanTests
{
    private static readonly Dictionary<string, string> ServiceOutputs = new()
    {
        [StackOutputs.DataBucketName] = "data-bucket",
        [StackOutputs.ReportsBucketName] = "reports-bucket",
        [StackOutputs.RepositoryName] = "todo-api",
        [StackOutputs.ServiceName] = "todo-api",
    };

    private static readonly Dictionary<string, string> EnvironmentOutputs = new() { [StackOutputs.AccessLogsBucketName] = "logs-bucket" };

    [Fact]
    public void Non_prod_empties_every_bucket_and_the_repository()
    {
        var assembly = CdkCommandLineTests.Assembly with { KeepsData = false };
        Assert.Equal(
            [new EmptyBucket("data-bucket"), new EmptyBucket("reports-bucket"), new DeleteImages("todo-api"), new EmptyBucket("logs-bucket")],
            TeardownPlan.For(assembly, EnvironmentOutputs, ServiceOutputs));
    }

    [Fact]
    public void Prod_like_environments_keep_their_data() =>
        Assert.Empty(TeardownPlan.For(CdkCommandLineTests.Assembly, EnvironmentOutputs, ServiceOutputs));

    [Fact]
    public void A_repository_shared_with_other_environments_is_never_emptied()
    {
        var owner = CdkCommandLineTests.Assembly with { KeepsData = false, Repository = new RepositoryPlacement(Owns: true, OwnerEnvironment: null, SharedWith: ["demo"]) };
        var importer = CdkCommandLineTests.Assembly with { KeepsData = false, Repository = new RepositoryPlacement(Owns: false, OwnerEnvironment: "sandbox", SharedWith: ["sandbox"]) };
        foreach (var assembly in new[] { owner, importer })
        {
            // The buckets are still this environment's own, and emptied.
            Assert.Equal(
                [new EmptyBucket("data-bucket"), new EmptyBucket("reports-bucket"), new EmptyBucket("logs-bucket")],
                TeardownPlan.For(assembly, EnvironmentOutputs, ServiceOutputs));
        }
    }

    [Fact]
    public void Missing_stacks_contribute_nothing() =>
        Assert.Empty(TeardownPlan.For(CdkCommandLineTests.Assembly with { KeepsData = false }, null, null));
}
