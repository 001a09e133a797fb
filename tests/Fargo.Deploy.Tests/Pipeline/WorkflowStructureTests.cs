using System.Text.RegularExpressions;
using Fargo.Config;
using Fargo.Deploy.Pipeline;
using YamlDotNet.RepresentationModel;

namespace Fargo.Deploy.Tests.Pipeline;

/// <summary>
/// The generated workflow read back as YAML: one job per stage chained by `needs`, the protected environment on
/// the last, permissions limited to id-token and contents, a concurrency group per environment, Fargo pinned,
/// actions pinned by commit, AWS reached through OIDC roles only.
/// </summary>
public sealed partial class WorkflowStructureTests
{
    public static TheoryData<string> Workflows => [.. WorkflowFixtures.Names];

    [Fact]
    public void Example_builds_once_in_qa_and_promotes_to_prod_after_approval()
    {
        var jobs = Jobs(WorkflowFixtures.Generate(WorkflowFixtures.Example).Yaml);

        Assert.Equal(["qa", "prod"], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var qa = Map(jobs, "qa");
        var prod = Map(jobs, "prod");
        Assert.False(qa.Children.ContainsKey("needs"));
        Assert.Equal("qa", Text(prod, "needs"));
        Assert.Equal("qa", Text(qa, "environment"));
        Assert.Equal("production", Text(prod, "environment"));
        Assert.Equal(
            [
                "fargo build --env qa --version \"$VERSION\"",
                "fargo push --env qa --version \"$VERSION\"",
                "fargo deploy --env qa --version \"$VERSION\" --yes",
            ],
            FargoCommands(qa));
        Assert.Equal(
            [
                "fargo promote --from qa --to prod --version \"$VERSION\" --from-profile fargo-qa-read",
                "fargo deploy --env prod --version \"$VERSION\" --yes",
            ],
            FargoCommands(prod));
        Assert.Equal("examples/todo-api", Text(Map(Map(qa, "defaults"), "run"), "working-directory"));
    }

    [Fact]
    public void Example_app_builds_pushes_promotes_and_deploys_every_service_with_the_same_commands_and_the_apps_roles()
    {
        var workflow = WorkflowFixtures.Generate(WorkflowFixtures.ExampleApp);
        var jobs = Jobs(workflow.Yaml);

        // Without --service each command works on every service of the app: one image per service, deploys called ones first.
        Assert.Equal(["qa", "prod"], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(
            [
                "fargo build --env qa --version \"$VERSION\"",
                "fargo push --env qa --version \"$VERSION\"",
                "fargo deploy --env qa --version \"$VERSION\" --yes",
            ],
            FargoCommands(Map(jobs, "qa")));
        Assert.Equal(
            [
                "fargo promote --from qa --to prod --version \"$VERSION\" --from-profile fargo-qa-read",
                "fargo deploy --env prod --version \"$VERSION\" --yes",
            ],
            FargoCommands(Map(jobs, "prod")));
        Assert.Equal("fargo build --env qa --version \"$VERSION\"", FargoCommands(PullRequestJob(workflow.Yaml))[0]);
        Assert.Equal(["Build every service's image", "Push them", "Deploy every service to qa (called ones first)"], workflow.Jobs[0].Steps.Select(s => s.Title));
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-deploy", workflow.Jobs[0].RoleArn);
        Assert.Equal("arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy", workflow.Jobs[1].RoleArn);
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-read", workflow.Jobs[1].Source!.ReadRoleArn);
        Assert.Equal("fargo-todo-api-prod", Text(Map(Map(jobs, "prod"), "concurrency"), "group"));
        Assert.Contains("# Services: todo-api, todo-worker.", workflow.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_stages_chain_and_only_the_last_is_production()
    {
        var jobs = Jobs(WorkflowFixtures.Generate(WorkflowFixtures.ThreeStages).Yaml);

        Assert.Equal(["qa", "staging", "prod"], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("qa", Text(Map(jobs, "staging"), "needs"));
        Assert.Equal("staging", Text(Map(jobs, "prod"), "needs"));
        Assert.Equal(["qa", "staging", "production"], jobs.Children.Values.Select(j => Text((YamlMappingNode)j, "environment")));
        Assert.Equal("fargo promote --from staging --to prod --version \"$VERSION\" --from-profile fargo-staging-read", FargoCommands(Map(jobs, "prod"))[0]);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Permissions_are_exactly_id_token_write_and_contents_read(string name)
    {
        var root = WorkflowFixtures.Parse(WorkflowFixtures.Generate(name).Yaml);

        var permissions = Map(root, "permissions");
        Assert.Equal(
            [("contents", "read"), ("id-token", "write")],
            permissions.Children.Select(p => (((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!)).Order());
        Assert.All(Jobs(root).Children.Values, job => Assert.False(((YamlMappingNode)job).Children.ContainsKey("permissions")));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_job_has_its_environments_concurrency_group_and_never_cancels_a_deploy(string name)
    {
        var request = WorkflowFixtures.Request(name);
        var jobs = Jobs(WorkflowFixtures.Generate(name).Yaml);

        foreach (var (id, job) in jobs.Children.Select(j => (((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value)))
        {
            var concurrency = Map(job, "concurrency");
            Assert.Equal($"fargo-{request.Config.Name}-{id}", Text(concurrency, "group"));
            Assert.Equal("false", Text(concurrency, "cancel-in-progress"));
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Fargo_is_installed_at_the_pinned_version_in_every_job(string name)
    {
        var root = WorkflowFixtures.Parse(WorkflowFixtures.Generate(name).Yaml);

        Assert.Equal(WorkflowFixtures.FargoVersion, Text(Map(root, "env"), "FARGO_CLI_VERSION"));
        Assert.All(Jobs(root).Children.Values, job => Assert.Contains(
            Runs((YamlMappingNode)job),
            run => run.Contains("dotnet tool install --global Fargo.Cli --version \"$FARGO_CLI_VERSION\"", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void The_version_is_the_commits_short_sha(string name)
    {
        var jobs = Jobs(WorkflowFixtures.Generate(name).Yaml);

        Assert.All(jobs.Children.Values, job => Assert.Contains("echo \"VERSION=${GITHUB_SHA::7}\" >> \"$GITHUB_ENV\"", Runs((YamlMappingNode)job)));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Each_job_assumes_its_environments_deploy_role_through_OIDC_without_stored_keys(string name)
    {
        var request = WorkflowFixtures.Request(name);
        var yaml = WorkflowFixtures.Generate(name).Yaml;
        var stages = request.Pipeline.Stages;

        foreach (var (id, job) in Jobs(yaml).Children.Select(j => (((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value)))
        {
            // The environment and its [iam] are the same for every service of an app.
            var environment = request.Config.ServicesIn(id)[0].Environment;
            var path = request.Config.ServicesIn(id)[0].Iam.Path;
            var assumptions = Steps(job).Where(s => s.Children.ContainsKey("uses") && Text(s, "uses").StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal)).ToList();
            var deploy = Assert.Single(assumptions, s => !s.Children.ContainsKey("id"));
            Assert.Equal(
                [("aws-region", environment.Region!), ("role-to-assume", $"arn:aws:iam::{environment.Account}:role{path}{request.Config.Name}-{id}-deploy")],
                WithInputs(deploy));

            // A later stage reads the previous environment through its read-only role, assumed from the deploy role's
            // credentials by a profile that holds no key, and only for promote.
            Assert.Single(assumptions);
            var index = stages.ToList().IndexOf(id);
            if (index == 0)
            {
                Assert.DoesNotContain("--from-profile", string.Join('\n', FargoCommands(job)), StringComparison.Ordinal);
                continue;
            }

            var previous = request.Config.ServicesIn(stages[index - 1])[0].Environment;
            var previousPath = request.Config.ServicesIn(stages[index - 1])[0].Iam.Path;
            var profile = $"fargo-{previous.Name}-read";
            var profileStep = Assert.Single(Steps(job), s => s.Children.ContainsKey("run") && Text(s, "run").Contains("--profile " + profile, StringComparison.Ordinal));
            Assert.True(Steps(job).ToList().IndexOf(deploy) < Steps(job).ToList().IndexOf(profileStep), "the profile's credential source is the deploy role's credentials");
            Assert.Equal(
                [
                    $"aws configure set role_arn arn:aws:iam::{previous.Account}:role{previousPath}{request.Config.Name}-{previous.Name}-read --profile {profile}",
                    $"aws configure set credential_source Environment --profile {profile}",
                    $"aws configure set region {previous.Region} --profile {profile}",
                ],
                Text(profileStep, "run").Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.EndsWith($"--from-profile {profile}", FargoCommands(job).Single(c => c.StartsWith("fargo promote", StringComparison.Ordinal)), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("secrets.", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS_ACCESS_KEY", yaml, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)access.key|secret.access|session.token", yaml);
    }

    private static IEnumerable<(string, string)> WithInputs(YamlMappingNode step) =>
        Map(step, "with").Children.Select(p => (((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!)).Order();

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_action_is_pinned_by_a_full_commit_with_its_version_beside_it(string name)
    {
        var yaml = WorkflowFixtures.Generate(name).Yaml;

        var uses = UsesLine().Matches(yaml).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(@"@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line.Value));
        Assert.All(uses, line => Assert.Contains(PinnedActions.All, a => line.Value.Contains(a.Uses + "  # " + a.Version, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Runs_on_pushes_to_the_pipeline_branch_and_by_hand(string name)
    {
        var request = WorkflowFixtures.Request(name);
        var root = WorkflowFixtures.Parse(WorkflowFixtures.Generate(name).Yaml);

        var on = Map(root, "on");
        Assert.Equal(["push", "pull_request", "workflow_dispatch"], on.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal([request.Pipeline.Branch], ((YamlSequenceNode)Map(on, "push")["branches"]).Children.Select(b => ((YamlScalarNode)b).Value));
        Assert.Equal([request.Pipeline.Branch], ((YamlSequenceNode)Map(on, "pull_request")["branches"]).Children.Select(b => ((YamlScalarNode)b).Value));
        var first = (YamlMappingNode)Jobs(root).Children.Values.First();
        Assert.Equal($"github.repository == '{request.Repository}' && github.ref == 'refs/heads/{request.Pipeline.Branch}'", Text(first, "if"));
    }

    [Fact]
    public void The_test_runs_inside_the_image_and_reaches_the_shell_unchanged()
    {
        var request = WorkflowFixtures.Request(WorkflowFixtures.ThreeStages);
        var qa = Map(Jobs(WorkflowFixtures.Generate(WorkflowFixtures.ThreeStages).Yaml), "qa");

        Assert.Equal("fargo build --env qa --version \"$VERSION\" --test \"$FARGO_TEST\"", FargoCommands(qa)[0]);
        // GitHub evaluates "${{" anywhere, so the generator writes it as an expression that yields "${{".
        Assert.Equal(Assert.Single(request.Pipeline.Tests).Replace("${{", "${{ '${{' }}", StringComparison.Ordinal), Text(Map(qa, "env"), "FARGO_TEST"));
    }

    [Fact]
    public void An_arm64_service_gets_emulation_in_the_job_that_builds_only()
    {
        var jobs = Jobs(WorkflowFixtures.Generate(WorkflowFixtures.ThreeStages).Yaml);
        bool Emulates(YamlMappingNode job) => Steps(job).Any(s => s.Children.ContainsKey("uses") && Text(s, "uses") == PinnedActions.SetupQemu.Uses);

        Assert.True(Emulates(Map(jobs, "qa")));
        Assert.False(Emulates(Map(jobs, "staging")));
        Assert.False(Emulates(Map(Jobs(WorkflowFixtures.Generate(WorkflowFixtures.Example).Yaml), "qa")));
    }

    [Fact]
    public void The_jobs_returned_are_the_jobs_written()
    {
        var workflow = WorkflowFixtures.Generate(WorkflowFixtures.ThreeStages);
        var jobs = Jobs(workflow.Yaml);

        Assert.Equal(jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value), workflow.Jobs.Select(j => j.Id));
        foreach (var job in workflow.Jobs)
        {
            var written = Map(jobs, job.Id);
            Assert.Equal(job.GitHubEnvironment, Text(written, "environment"));
            Assert.Equal(job.Needs, written.Children.ContainsKey("needs") ? Text(written, "needs") : null);
            Assert.Equal(job.Commands, FargoCommands(written));
            Assert.Equal(job.ConcurrencyGroup, Text(Map(written, "concurrency"), "group"));
        }
    }

    [Fact]
    public void The_header_says_who_generated_it_and_that_it_may_be_edited()
    {
        var yaml = WorkflowFixtures.Generate(WorkflowFixtures.Example).Yaml;

        Assert.StartsWith("# Generated by `fargo pipeline github` (Fargo 0.1.0) for todo-api: qa -> prod.\n# It is yours to edit;", yaml, StringComparison.Ordinal);
        Assert.Contains("Required reviewers", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_without_stages_is_refused()
    {
        var config = Config("name = \"api\"\nport = 8080\n");

        var error = Assert.Throws<DeployUsageException>(() => GitHubWorkflowGenerator.Generate(new GitHubWorkflowRequest(config, config.Pipeline, "acme/api", "0.1.0", "")));
        Assert.Contains("has no AWS environment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_on_the_local_region_is_refused()
    {
        var config = Config("name = \"api\"\nport = 8080\n[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n");

        var error = Assert.Throws<DeployUsageException>(() => GitHubWorkflowGenerator.Generate(
            new GitHubWorkflowRequest(config, config.Pipeline with { Stages = ["local", "qa"] }, "acme/api", "0.1.0", "")));
        Assert.Contains("'local' lives on the local region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_named_production_before_the_last_stage_is_refused()
    {
        var config = Config("name = \"api\"\nport = 8080\n[environments.production]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n[environments.dr]\naccount = \"222222222222\"\nregion = \"us-west-2\"\n");

        var error = Assert.Throws<DeployUsageException>(() => GitHubWorkflowGenerator.Generate(new GitHubWorkflowRequest(config, config.Pipeline, "acme/api", "0.1.0", "")));
        Assert.Contains("'production' is not the last stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_stage_keeps_its_own_GitHub_environment_and_at_the_repository_root_there_is_no_working_directory()
    {
        var config = Config("name = \"api\"\nport = 8080\n[environments.prod]\naccount = \"111111111111\"\nregion = \"cn-north-1\"\n");

        var workflow = GitHubWorkflowGenerator.Generate(new GitHubWorkflowRequest(config, config.Pipeline, "acme/api", "0.1.0", ""));

        var prod = Map(Jobs(workflow.Yaml), "prod");
        // The first stage's GitHub environment is its own name, whether or not later stages follow (s2-contracts.md).
        Assert.Equal("prod", Text(prod, "environment"));
        Assert.Contains("With a single stage nothing waits for a person's approval", workflow.Yaml, StringComparison.Ordinal);
        Assert.False(prod.Children.ContainsKey("defaults"));
        Assert.Equal("arn:aws-cn:iam::111111111111:role/api-prod-deploy", Assert.Single(workflow.Jobs).RoleArn);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Pull_requests_are_built_and_tested_with_no_AWS_access_and_nothing_pushed_or_deployed(string name)
    {
        var request = WorkflowFixtures.Request(name);
        var yaml = WorkflowFixtures.Generate(name).Yaml;
        var root = WorkflowFixtures.Parse(yaml);

        Assert.True(Map(root, "on").Children.ContainsKey("pull_request"));
        var job = PullRequestJob(yaml);
        Assert.Equal("github.event_name == 'pull_request'", Text(job, "if"));
        Assert.Equal([("contents", "read")], Map(job, "permissions").Children.Select(p => (((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!)));
        Assert.DoesNotContain(Steps(job), s => s.Children.ContainsKey("uses") && Text(s, "uses").StartsWith("aws-actions/", StringComparison.Ordinal));
        var first = request.Pipeline.Stages[0];
        var build = FargoCommands(job)[0];
        Assert.StartsWith($"fargo build --env {first} --version ", build, StringComparison.Ordinal);
        Assert.Equal(request.Pipeline.Tests.Count > 0, build.Contains("--test \"$FARGO_TEST", StringComparison.Ordinal));
        Assert.DoesNotContain(FargoCommands(job), c => c.StartsWith("fargo infra diff", StringComparison.Ordinal) || c.StartsWith("fargo infra up", StringComparison.Ordinal));

        // The stage jobs stay off pull requests: they run only for the branch itself.
        var firstStage = Map(Jobs(root), first);
        Assert.Contains("github.ref == 'refs/heads/", Text(firstStage, "if"), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_tests_each_get_a_variable_and_run_in_order_in_the_build_of_both_the_first_stage_and_the_pull_request()
    {
        var yaml = WorkflowFixtures.Generate(WorkflowFixtures.Infra).Yaml;
        const string build = "fargo build --env qa --version \"$VERSION\" --test \"$FARGO_TEST_1\" --test \"$FARGO_TEST_2\"";

        foreach (var job in new[] { Map(Jobs(yaml), "qa"), PullRequestJob(yaml) })
        {
            Assert.Equal(build, FargoCommands(job)[0]);
            var env = Map(job, "env");
            Assert.Equal("dotnet Billing.dll --self-test", Text(env, "FARGO_TEST_1"));
            Assert.Equal("sh -c 'echo ${{ '${{' }} github.token }} is not read'", Text(env, "FARGO_TEST_2"));
            Assert.False(env.Children.ContainsKey("FARGO_TEST"));
        }
    }

    [Fact]
    public void Infra_shows_and_applies_each_stage_s_stacks_right_before_its_deploy_and_the_pull_request_only_synthesizes()
    {
        var yaml = WorkflowFixtures.Generate(WorkflowFixtures.Infra).Yaml;
        var jobs = Jobs(yaml);

        Assert.Equal(
            [
                "fargo build --env qa --version \"$VERSION\" --test \"$FARGO_TEST_1\" --test \"$FARGO_TEST_2\"",
                "fargo push --env qa --version \"$VERSION\"",
                "fargo infra diff --env qa",
                "fargo infra up --env qa --yes",
                "fargo deploy --env qa --version \"$VERSION\" --yes",
            ],
            FargoCommands(Map(jobs, "qa")));
        Assert.Equal(
            [
                "fargo promote --from qa --to prod --version \"$VERSION\" --from-profile fargo-qa-read",
                "fargo infra diff --env prod",
                "fargo infra up --env prod --yes",
                "fargo deploy --env prod --version \"$VERSION\" --yes",
            ],
            FargoCommands(Map(jobs, "prod")));
        // The pull request's job has no AWS credentials: it synthesizes offline and touches no stack.
        Assert.Equal("fargo infra synth", FargoCommands(PullRequestJob(yaml))[1]);
        Assert.False(Map(PullRequestJob(yaml), "permissions").Children.ContainsKey("id-token"));
    }

    [Fact]
    public void Without_infra_no_stage_touches_the_stacks()
    {
        var jobs = Map(WorkflowFixtures.Parse(WorkflowFixtures.Generate(WorkflowFixtures.Example).Yaml), "jobs");

        Assert.DoesNotContain(jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(FargoCommands), c => c.StartsWith("fargo infra", StringComparison.Ordinal));
    }

    private static ServiceConfig Config(string toml) => Assert.IsType<ServiceConfig>(new ConfigLoader().Parse(toml, "/src/api/fargo.toml"));

    private static YamlMappingNode Jobs(string yaml) => Jobs(WorkflowFixtures.Parse(yaml));

    /// <summary>The stage jobs (the pull request's check has tests of its own).</summary>
    private static YamlMappingNode Jobs(YamlMappingNode root) =>
        new(Map(root, "jobs").Children.Where(j => ((YamlScalarNode)j.Key).Value != GitHubWorkflowGenerator.PullRequestJob));

    private static YamlMappingNode PullRequestJob(string yaml) => Map(Map(WorkflowFixtures.Parse(yaml), "jobs"), GitHubWorkflowGenerator.PullRequestJob);

    private static YamlMappingNode Map(YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node[key]);

    private static string Text(YamlMappingNode node, string key) => Assert.IsType<YamlScalarNode>(node[key]).Value!;

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>();

    private static List<string> Runs(YamlMappingNode job) =>
        [.. Steps(job).Where(s => s.Children.ContainsKey("run")).SelectMany(s => Text(s, "run").Split('\n', StringSplitOptions.RemoveEmptyEntries))];

    private static List<string> FargoCommands(YamlMappingNode job) => [.. Runs(job).Where(r => r.StartsWith("fargo ", StringComparison.Ordinal))];

    [GeneratedRegex(@"uses: .*$", RegexOptions.Multiline)]
    private static partial Regex UsesLine();
}
