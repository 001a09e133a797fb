using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The deploy-access stacks of the example's pipeline: qa's trusts GitHub only, prod's trusts GitHub and the pipeline's
/// CodeBuild; both deploy roles may do exactly what build, push, promote and deploy call, and prod's may also assume qa's
/// read role. qa, which prod promotes from, also has the read role: trusted by prod's deploy role (and prod's promote
/// project), never by GitHub directly, it may only read.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class DeployAccessStackTests(SynthesisFixture synthesis)
{
    private const string OidcFederatedSuffix = ":oidc-provider/token.actions.githubusercontent.com";

    /// <summary>The deploy role's actions, from Fargo.Deploy and Fargo.Aws (DeployAccessStack's remarks list where each is called).</summary>
    private static readonly string[] DeployActions =
    [
        "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:CreateRepository", "ecr:DescribeImages",
        "ecr:DescribeRepositories", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage",
        "ecr:UploadLayerPart",
        "ecs:DescribeClusters", "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "ecs:DescribeTasks", "ecs:ListTasks",
        "ecs:RegisterTaskDefinition", "ecs:TagResource", "ecs:UpdateService",
        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
        "iam:PassRole", "iam:SimulatePrincipalPolicy",
        "logs:DescribeLogGroups", "logs:FilterLogEvents",
        "ssm:DescribeParameters",
        "sts:GetCallerIdentity",
    ];

    /// <summary>The read role's actions: what promote asks of its source (DeployAccessStack's remarks list where each is called).</summary>
    private static readonly string[] ReadActions =
    [
        "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer",
        "ecs:DescribeServices", "ecs:DescribeTaskDefinition",
        "sts:GetCallerIdentity",
    ];

    /// <summary>Actions that change something (or hand out a role): none may reach the read role.</summary>
    private static readonly string[] WriteActions =
    [
        "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:CreateRepository",
        "ecr:BatchDeleteImage", "ecr:SetRepositoryPolicy",
        "ecs:UpdateService", "ecs:RegisterTaskDefinition", "ecs:TagResource", "ecs:RunTask", "ecs:StopTask", "ecs:DeleteService",
        "iam:PassRole", "ssm:PutParameter", "ssm:GetParameters", "logs:FilterLogEvents",
    ];

    /// <summary>The actions IAM authorizes on no resource but "*".</summary>
    private static readonly string[] ActionsWithoutResourceLevelPermissions =
    [
        "ecr:GetAuthorizationToken", "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition", "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetHealth", "logs:DescribeLogGroups", "ssm:DescribeParameters", "sts:GetCallerIdentity",
    ];

    [Fact]
    public void Qa_role_trusts_only_github_oidc_for_the_qa_environment_of_the_repository()
    {
        var statement = Assert.Single(TrustStatements(synthesis.QaAccess));
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal("sts:AssumeRoleWithWebIdentity", (string?)statement["Action"]);
        Assert.Equal(
            """{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:acme/todo-api:environment:qa"}}""",
            statement["Condition"]!.ToJsonString());
        var principal = statement["Principal"]!.AsObject();
        Assert.Equal(["Federated"], principal.Select(p => p.Key));
        // The provider this stack creates, or the account's existing one: the same issuer either way.
        var federated = principal["Federated"]!["Fn::If"]!.AsArray();
        Assert.Equal("CreatesOidcProvider", (string?)federated[0]);
        Assert.Equal(LogicalId(synthesis.QaAccess, "AWS::IAM::OIDCProvider"), (string?)federated[1]!["Ref"]);
        var existing = federated[2]!["Fn::Join"]![1]!.AsArray();
        Assert.Equal("{\"Ref\":\"AWS::AccountId\"}", existing[^2]!.ToJsonString());
        Assert.Equal(OidcFederatedSuffix, (string?)existing[^1]);
        synthesis.QaAccess.Template.HasResourceProperties("AWS::IAM::Role", Like(("RoleName", "todo-api-qa-deploy"), ("MaxSessionDuration", 3600)));
    }

    [Fact]
    public void Prod_role_trusts_the_protected_production_environment_and_the_pipeline_promote_role_only()
    {
        var statements = TrustStatements(synthesis.ProdAccess);
        Assert.Equal(2, statements.Count);
        var github = statements.Single(s => (string?)s["Action"] == "sts:AssumeRoleWithWebIdentity");
        Assert.Equal("repo:acme/todo-api:environment:production", (string?)github["Condition"]!["StringEquals"]!["token.actions.githubusercontent.com:sub"]);
        Assert.Equal("sts.amazonaws.com", (string?)github["Condition"]!["StringEquals"]!["token.actions.githubusercontent.com:aud"]);

        var pipeline = statements.Single(s => (string?)s["Action"] == "sts:AssumeRole");
        // The pipeline lives in qa's account; only its promote project's role, by ARN, may assume prod's deploy role.
        Assert.Equal("""{"AWS":"arn:aws:iam::111111111111:root"}""", pipeline["Principal"]!.ToJsonString());
        Assert.Equal("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/todo-api-pipeline-promote"}}""", pipeline["Condition"]!.ToJsonString());
    }

    [Fact]
    public void Oidc_provider_is_github_with_the_sts_audience_and_created_only_when_asked()
    {
        var access = synthesis.QaAccess;
        access.Template.HasParameter(StackParameters.CreateOidcProvider, Like(("Default", "true"), ("AllowedValues", A("true", "false"))));
        access.Template.HasResource("AWS::IAM::OIDCProvider", Like(
            ("Condition", "CreatesOidcProvider"),
            ("Properties", Like(("Url", "https://token.actions.githubusercontent.com"), ("ClientIdList", A("sts.amazonaws.com"))))));
        access.Template.HasCondition("CreatesOidcProvider", O(("Fn::Equals", A(O(("Ref", StackParameters.CreateOidcProvider)), "true"))));
    }

    [Theory]
    [InlineData("qa-access")]
    [InlineData("prod-access")]
    public void Deploy_role_may_simulate_its_own_stages_roles_only_for_fargo_verify(string name)
    {
        var access = synthesis.GetSingle(name);
        var statement = Statements(access).Single(s => (string?)s["Sid"] == "CheckOwnCiRoles");
        var settings = access.Settings;
        string RoleArn(string role) => settings.Iam.RoleArn(settings.Environment.Region!, settings.Environment.Account!, role);

        Assert.Equal(["iam:SimulatePrincipalPolicy"], ServiceStackTests.Actions(statement));
        // qa is followed by prod, which promotes from qa's read role: verify in qa's job checks both; prod has no read role.
        string[] expected = name == "qa-access" ? [RoleArn(settings.Names.DeployRole), RoleArn(settings.Names.ReadRole)] : [RoleArn(settings.Names.DeployRole)];
        Assert.Equal(expected, Resources(statement));
    }

    [Theory]
    [InlineData("qa-access")]
    [InlineData("prod-access")]
    public void Deploy_role_may_do_exactly_what_build_push_promote_and_deploy_call(string name)
    {
        var access = synthesis.GetSingle(name);
        var statements = Statements(access);
        Assert.All(statements, s => Assert.Equal("Allow", (string?)s["Effect"]));
        Assert.All(statements, s => Assert.Null(s["NotAction"]));
        Assert.All(statements, s => Assert.Null(s["NotResource"]));
        var actions = statements.SelectMany(ServiceStackTests.Actions).Distinct().Order(StringComparer.Ordinal).ToList();
        // A later stage's deploy role also assumes the previous stage's read role (promote's source); the first has none to assume.
        string[] expected = name == "qa-access" ? DeployActions : [.. DeployActions, "sts:AssumeRole"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), actions);
        Assert.DoesNotContain(actions, action => action.Contains('*', StringComparison.Ordinal));

        // "*" only where IAM offers nothing narrower, and ListTasks only with the cluster condition.
        foreach (var statement in statements.Where(s => Resources(s).Contains("*")))
        {
            if ((string?)statement["Sid"] == "ListClusterTasks")
            {
                Assert.Equal(
                    $$$"""{"ArnEquals":{"ecs:cluster":"arn:aws:ecs:us-east-1:{{{access.Assembly.Account}}}:cluster/fargo-{{{access.Settings.Environment.Name}}}"}}""",
                    statement["Condition"]!.ToJsonString());
                continue;
            }

            Assert.All(ServiceStackTests.Actions(statement), action => Assert.Contains(action, ActionsWithoutResourceLevelPermissions));
        }

        // No managed policies: nothing beyond the statements above (no admin, no PowerUser).
        Assert.All(SynthesizedEnvironment.Resources(access.Json, "AWS::IAM::Role").Values, role => Assert.Null(role["Properties"]!["ManagedPolicyArns"]));
        Assert.Empty(SynthesizedEnvironment.Resources(access.Json, "AWS::IAM::ManagedPolicy"));
    }

    [Fact]
    public void Prod_deploy_role_may_assume_qas_read_role_and_no_other_role()
    {
        var assume = Assert.Single(Statements(synthesis.ProdAccess), s => ServiceStackTests.Actions(s).Any(a => a.StartsWith("sts:Assume", StringComparison.Ordinal)));
        Assert.Equal(["sts:AssumeRole"], ServiceStackTests.Actions(assume));
        Assert.Equal(["arn:aws:iam::111111111111:role/todo-api-qa-read"], Resources(assume));
        Assert.Null(assume["Condition"]);
    }

    [Theory]
    [InlineData("qa-access")]
    [InlineData("qa-access-pipeline")]
    public void The_first_stages_deploy_role_may_assume_no_role(string name) =>
        Assert.DoesNotContain(Statements(synthesis.GetSingle(name)).SelectMany(ServiceStackTests.Actions), a => a.StartsWith("sts:Assume", StringComparison.Ordinal));

    [Fact]
    public void Pass_role_is_limited_to_the_service_roles_and_ecs_tasks()
    {
        var passRole = Assert.Single(Statements(synthesis.ProdAccess), s => ServiceStackTests.Actions(s).Contains("iam:PassRole"));
        Assert.Equal(["iam:PassRole"], ServiceStackTests.Actions(passRole));
        Assert.Equal(["arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-execution", "arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-task"], Resources(passRole));
        Assert.Equal("""{"StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}}""", passRole["Condition"]!.ToJsonString());
    }

    [Fact]
    public void Tagging_is_allowed_only_while_registering_the_services_own_task_definitions()
    {
        // ECS authorizes tag-on-create: a tagged RegisterTaskDefinition without ecs:TagResource is denied.
        var tagging = Assert.Single(Statements(synthesis.QaAccess), s => ServiceStackTests.Actions(s).Contains("ecs:TagResource"));
        Assert.Equal(["ecs:TagResource"], ServiceStackTests.Actions(tagging));
        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:*"], Resources(tagging));
        Assert.Equal("""{"StringEquals":{"ecs:CreateAction":"RegisterTaskDefinition"}}""", tagging["Condition"]!.ToJsonString());
    }

    [Fact]
    public void Repository_service_and_logs_are_the_environments_own_and_no_parameter_is_read()
    {
        var statements = Statements(synthesis.QaAccess);
        Assert.Equal(["arn:aws:ecr:us-east-1:111111111111:repository/todo-api"], Resources(Sid(statements, "PushToServiceRepository")));
        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:service/fargo-qa/todo-api"], Resources(Sid(statements, "DeployService")));
        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:task/fargo-qa/*"], Resources(Sid(statements, "WatchTasks")));
        // fargo verify checks that [secrets] parameters exist by DescribeParameters (names only): no GetParameters anywhere.
        Assert.DoesNotContain(statements, s => ServiceStackTests.Actions(s).Any(a => a.StartsWith("ssm:GetParameter", StringComparison.Ordinal)));
        Assert.Equal(["arn:aws:logs:us-east-1:111111111111:log-group:/fargo/qa/todo-api:*"], Resources(Sid(statements, "ReadServiceLogs")));
    }

    [Theory]
    [InlineData("qa-access")]
    [InlineData("prod-access")]
    public void Deploy_role_reaches_no_other_stages_repository(string name)
    {
        // Promote reads the previous stage with that stage's read role: no deploy role pulls across stages.
        var access = synthesis.GetSingle(name);
        var repositories = Statements(access)
            .Where(s => ServiceStackTests.Actions(s).Any(a => a.StartsWith("ecr:", StringComparison.Ordinal)))
            .SelectMany(Resources)
            .Where(r => r != "*")
            .Distinct();
        Assert.Equal(access.Pipeline.Stages[access.Pipeline.IndexOf(access.Settings.Environment.Name)].RepositoryArns, repositories);
        Assert.DoesNotContain(Statements(access), s => (string?)s["Sid"] == "PullFromEarlierStages");
    }

    [Fact]
    public void Qa_read_role_trusts_only_the_deploy_role_of_the_stage_after_it()
    {
        var statement = Assert.Single(TrustStatements(synthesis.QaAccess, "ReadRole"));
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
        // prod's jobs assume prod's deploy role (protected production environment) and Fargo this one from it; qa's own
        // jobs, qa's deploy role and GitHub's OIDC tokens may not assume it. prod's account on the condition of the role's
        // ARN, so prod's role need not exist when qa's stack is deployed.
        Assert.Equal("""{"AWS":"arn:aws:iam::222222222222:root"}""", statement["Principal"]!.ToJsonString());
        Assert.Equal("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy"}}""", statement["Condition"]!.ToJsonString());
        synthesis.QaAccess.Template.HasResourceProperties("AWS::IAM::Role", Like(("RoleName", "todo-api-qa-read"), ("MaxSessionDuration", 3600)));
    }

    [Theory]
    [InlineData("qa-access")]
    [InlineData("qa-access-pipeline")]
    public void Read_role_trusts_no_github_oidc_token(string name)
    {
        var read = TrustStatements(synthesis.GetSingle(name), "ReadRole");
        Assert.All(read, s => Assert.Equal("sts:AssumeRole", (string?)s["Action"]));
        Assert.All(read, s => Assert.Equal(["AWS"], s["Principal"]!.AsObject().Select(p => p.Key)));
        Assert.DoesNotContain(Stacks.DeployAccessStack.GitHubOidcHost, read.Select(s => s.ToJsonString()).Aggregate(string.Concat), StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_pipeline_qa_read_role_also_trusts_the_promote_project_role_and_the_deploy_role_the_build_role()
    {
        var access = synthesis.QaAccessWithPipeline;
        var read = TrustStatements(access, "ReadRole");
        Assert.Equal(2, read.Count);
        Assert.All(read, s => Assert.Equal("sts:AssumeRole", (string?)s["Action"]));
        var prodDeploy = read.Single(s => (string?)s["Sid"] is null);
        Assert.Equal("""{"AWS":"arn:aws:iam::222222222222:root"}""", prodDeploy["Principal"]!.ToJsonString());
        Assert.Equal("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy"}}""", prodDeploy["Condition"]!.ToJsonString());
        // The pipeline's promote buildspec assumes the read role with the CodeBuild role's own credentials.
        var codeBuild = read.Single(s => (string?)s["Sid"] == "CodePipelineBuild");
        Assert.Equal("""{"AWS":"arn:aws:iam::111111111111:root"}""", codeBuild["Principal"]!.ToJsonString());
        Assert.Equal("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/todo-api-pipeline-promote"}}""", codeBuild["Condition"]!.ToJsonString());

        // qa's own deploy role is the build project's, not the promote project's.
        var deploy = TrustStatements(access).Single(s => (string?)s["Action"] == "sts:AssumeRole");
        Assert.Equal("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/todo-api-pipeline-build"}}""", deploy["Condition"]!.ToJsonString());
    }

    [Theory]
    [InlineData("qa-access")]
    [InlineData("qa-access-pipeline")]
    public void Read_role_may_only_read_the_service_and_its_repository(string name)
    {
        var access = synthesis.GetSingle(name);
        var statements = ServiceStackTests.PolicyStatementsOf(access.Json, "ReadRole");
        Assert.All(statements, s => Assert.Equal("Allow", (string?)s["Effect"]));
        Assert.All(statements, s => Assert.Null(s["NotAction"]));
        Assert.All(statements, s => Assert.Null(s["NotResource"]));
        Assert.All(statements, s => Assert.Null(s["Condition"]));
        var actions = statements.SelectMany(ServiceStackTests.Actions).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ReadActions.Order(StringComparer.Ordinal), actions);
        Assert.Empty(actions.Intersect(WriteActions));

        foreach (var statement in statements)
        {
            var resources = Resources(statement);
            var granted = ServiceStackTests.Actions(statement).ToList();
            if (resources.Contains("*"))
            {
                Assert.Equal(["*"], resources);
                Assert.All(granted, action => Assert.Contains(action, ActionsWithoutResourceLevelPermissions));
            }
            else if (granted.All(action => action.StartsWith("ecr:", StringComparison.Ordinal)))
            {
                Assert.Equal(["arn:aws:ecr:us-east-1:111111111111:repository/todo-api"], resources);
            }
            else
            {
                Assert.Equal(["ecs:DescribeServices"], granted);
                Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:service/fargo-qa/todo-api"], resources);
            }
        }

        access.Template.HasOutput(StackOutputs.ReadRoleArn, Like(("Value", O(("Fn::GetAtt", A(ServiceStackTests.LogicalId(access.Json, "AWS::IAM::Role", "ReadRole"), "Arn"))))));
    }

    [Fact]
    public void The_last_stage_has_no_read_role()
    {
        var prod = synthesis.ProdAccess;
        var role = Assert.Single(SynthesizedEnvironment.Resources(prod.Json, "AWS::IAM::Role"));
        Assert.StartsWith("DeployRole", role.Key, StringComparison.Ordinal);
        Assert.Empty(ServiceStackTests.PolicyStatementsOf(prod.Json, "ReadRole"));
        Assert.Null(prod.Json["Outputs"]![StackOutputs.ReadRoleArn]);
    }

    [Fact]
    public void A_middle_stage_read_role_trusts_the_deploy_role_of_the_stage_right_after_it_which_may_assume_only_that_read_role()
    {
        // qa, staging, prod: staging's read role is for prod's deploy role, qa's for staging's; staging's deploy role
        // assumes qa's read role, prod's staging's.
        var stages = ExampleConfig.PipelineStages();
        var staging = stages[0] with { Environment = stages[0].Environment with { Name = "staging", Account = "333333333333" }, Names = ResourceNaming.For(stages[0].Name, "staging") };
        var pipeline = DeliveryPipeline.Create(
            new PipelineSettings(TestPipelines.GitHubRepository, "main", ["qa", "staging", "prod"], [], [], Connection: null),
            TestPipelines.GitHubRepository,
            [stages[0], staging, stages[1]],
            TestPipelines.FargoVersion);
        (string Environment, string Account)[] order = [("qa", "111111111111"), ("staging", "333333333333"), ("prod", "222222222222")];
        for (var i = 0; i < order.Length; i++)
        {
            var environment = order[i].Environment;
            var directory = Path.Combine(Path.GetTempPath(), $"fargo-read-role-{environment}-{Guid.NewGuid():N}");
            try
            {
                var (app, stack, assembly) = InfrastructureApp.BuildDeployAccess(pipeline, environment, trustCodePipeline: true, directory);
                app.Synth();
                var template = Template.FromStack(stack);
                if (i + 1 < order.Length)
                {
                    var (next, nextAccount) = order[i + 1];
                    template.HasResourceProperties("AWS::IAM::Role", Like(
                        ("RoleName", $"todo-api-{environment}-read"),
                        ("AssumeRolePolicyDocument", Like(("Statement", With(Like(
                            ("Action", "sts:AssumeRole"),
                            ("Principal", O(("AWS", $"arn:aws:iam::{nextAccount}:root"))),
                            ("Condition", O(("ArnEquals", O(("aws:PrincipalArn", $"arn:aws:iam::{nextAccount}:role{pipeline.Stages[i + 1].Settings.Iam.Path}todo-api-{next}-deploy"))))))))))));
                }

                var assumed = ServiceStackTests.PolicyStatementsOf(JsonNode.Parse(File.ReadAllText(assembly.Template))!.AsObject(), "DeployRole")
                    .Where(s => ServiceStackTests.Actions(s).Any(a => a.StartsWith("sts:Assume", StringComparison.Ordinal)))
                    .SelectMany(Resources)
                    .ToList();
                List<string> expected = i == 0 ? [] : [$"arn:aws:iam::{order[i - 1].Account}:role/todo-api-{order[i - 1].Environment}-read"];
                Assert.Equal(expected, assumed);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void With_infra_the_deploy_role_may_deploy_through_the_CDK_bootstrap_roles_and_read_its_own_stacks_only()
    {
        var webhook = TestPipelines.Webhook();
        var pipeline = webhook with { Settings = webhook.Settings with { Infra = true } };
        var directory = Path.Combine(Path.GetTempPath(), $"fargo-infra-access-{Guid.NewGuid():N}");
        try
        {
            var (app, _, assembly) = InfrastructureApp.BuildDeployAccess(pipeline, "prod", trustCodePipeline: false, directory);
            app.Synth();
            var statements = ServiceStackTests.PolicyStatementsOf(JsonNode.Parse(File.ReadAllText(assembly.Template))!.AsObject(), "DeployRole").ToList();

            var bootstrap = Assert.Single(statements, s => (string?)s["Sid"] == "DeployThroughCdkBootstrapRoles");
            Assert.Equal(["sts:AssumeRole"], ServiceStackTests.Actions(bootstrap));
            Assert.Equal(
                ["deploy", "file-publishing", "image-publishing", "lookup"],
                Resources(bootstrap).Order(StringComparer.Ordinal).Select(arn => arn.Replace("arn:aws:iam::222222222222:role/cdk-hnb659fds-", "", StringComparison.Ordinal).Replace("-role-222222222222-us-east-1", "", StringComparison.Ordinal)));
            var stacks = Assert.Single(statements, s => (string?)s["Sid"] == "ReadEnvironmentStacks");
            Assert.Equal(["cloudformation:DescribeStacks"], ServiceStackTests.Actions(stacks));
            Assert.Equal(
                ["arn:aws:cloudformation:us-east-1:222222222222:stack/fargo-prod-todo-api/*", "arn:aws:cloudformation:us-east-1:222222222222:stack/fargo-prod/*"],
                Resources(stacks).Order(StringComparer.Ordinal));
            // prod names its hosted zone (example.com): infra up looks its id up.
            Assert.Equal(["route53:ListHostedZonesByName"], ServiceStackTests.Actions(Assert.Single(statements, s => (string?)s["Sid"] == "FindHostedZone")));
            Assert.DoesNotContain(statements.SelectMany(ServiceStackTests.Actions), a => a.StartsWith("cloudformation:", StringComparison.Ordinal) && a != "cloudformation:DescribeStacks");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_deploy_role_may_describe_the_Secrets_Manager_secrets_its_task_names_and_no_other()
    {
        var stages = ExampleConfig.PipelineStages();
        var qa = stages[0] with
        {
            Secrets = new SecretSettings(stages[0].Secrets.Path, new Dictionary<string, string>
            {
                ["STRIPE_KEY"] = "arn:aws:secretsmanager:us-east-1:111111111111:secret:todo/stripe-AbCdEf:key::",
                ["MAIL"] = "arn:aws:secretsmanager:us-east-1:111111111111:secret:todo/mail",
                ["API_KEY"] = "/shared/todo/api-key",
            }),
        };
        var pipeline = DeliveryPipeline.Create(TestPipelines.Webhook().Settings, TestPipelines.GitHubRepository, [qa, stages[1]], TestPipelines.FargoVersion);
        var directory = Path.Combine(Path.GetTempPath(), $"fargo-secrets-access-{Guid.NewGuid():N}");
        try
        {
            var (app, _, assembly) = InfrastructureApp.BuildDeployAccess(pipeline, "qa", trustCodePipeline: false, directory);
            app.Synth();
            var statements = ServiceStackTests.PolicyStatementsOf(JsonNode.Parse(File.ReadAllText(assembly.Template))!.AsObject(), "DeployRole").ToList();

            var describe = Assert.Single(statements, s => ServiceStackTests.Actions(s).Contains("secretsmanager:DescribeSecret"));
            Assert.Equal(["secretsmanager:DescribeSecret"], ServiceStackTests.Actions(describe));
            // A complete ARN as it is; a partial one with the suffix Secrets Manager adds left open, as IAM needs it.
            Assert.Equal(
                ["arn:aws:secretsmanager:us-east-1:111111111111:secret:todo/mail-??????", "arn:aws:secretsmanager:us-east-1:111111111111:secret:todo/stripe-AbCdEf"],
                Resources(describe).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(statements.SelectMany(ServiceStackTests.Actions), a => a == "secretsmanager:GetSecretValue");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Outputs_name_the_role_and_the_trusted_subject()
    {
        synthesis.ProdAccess.Template.HasOutput(StackOutputs.DeployRoleArn, Like(("Value", Match.AnyValue())));
        synthesis.ProdAccess.Template.HasOutput(StackOutputs.GitHubSubject, Like(("Value", "repo:acme/todo-api:environment:production")));
        Assert.Equal("fargo-prod-todo-api-deploy-access", synthesis.ProdAccess.Assembly.StackName);
        Assert.Equal("222222222222", synthesis.ProdAccess.Assembly.Account);
    }

    internal static List<JsonNode> TrustStatements(SynthesizedSingleStack access, string rolePrefix = "DeployRole") =>
        [.. access.Json["Resources"]![ServiceStackTests.LogicalId(access.Json, "AWS::IAM::Role", rolePrefix)]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Select(s => s!)];

    private static List<JsonNode> Statements(SynthesizedSingleStack access) => ServiceStackTests.PolicyStatementsOf(access.Json, "DeployRole");

    private static JsonNode Sid(List<JsonNode> statements, string sid) => statements.Single(s => (string?)s["Sid"] == sid);

    private static List<string> Resources(JsonNode statement) => statement["Resource"] switch
    {
        JsonArray resources => [.. resources.Select(r => r!.ToJsonString().Trim('"'))],
        var resource => [resource!.ToJsonString().Trim('"')],
    };

    private static string LogicalId(SynthesizedSingleStack stack, string type) => ServiceStackTests.LogicalId(stack.Json, type);
}
