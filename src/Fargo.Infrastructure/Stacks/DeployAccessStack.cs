using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// How CI/CD reaches one environment (`fargo infra … --env E --oidc`): GitHub's OIDC provider in the environment's
/// account (or the one already there); the deploy role, which GitHub Actions jobs of the stage's GitHub environment
/// assume through it, and, with a CodePipeline, the pipeline's CodeBuild role; and, when a stage follows this one, the
/// read role the next stage's promote reads this environment with: the next stage's deploy role assumes it (GitHub
/// Actions), or the pipeline's promote role does (CodePipeline).
/// </summary>
/// <remarks>
/// The deploy role may do exactly what `fargo build`, `push`, `promote`, `deploy` and `verify` call with the environment's
/// credentials, read from Fargo.Deploy and Fargo.Aws:
/// <list type="bullet">
/// <item>STS GetCallerIdentity (TargetResolver.CheckAccountAsync: the account check before anything runs).</item>
/// <item>ECR GetAuthorizationToken (push and promote log in); DescribeRepositories and CreateRepository (push creates
/// the repository when missing; promote checks the destination's); the registry API v2 push and pull
/// (BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload, PutImage, BatchGetImage,
/// GetDownloadUrlForLayer); DescribeImages (ImageResolver: tag to digest; Promoter: the destination's tags).</item>
/// <item>ECS DescribeServices and UpdateService (ServiceLookup, Deployer, the rollback), DescribeTaskDefinition and
/// RegisterTaskDefinition (Deployer), TagResource on the service's task definitions only while registering them (ECS
/// authorizes tag-on-create since 2024: Deployer registers every revision with tags, and without ecs:TagResource the
/// call is denied), ListTasks and DescribeTasks (ServiceSnapshotReader, the rollout watch),
/// DescribeClusters (Preflight).</item>
/// <item>IAM PassRole of the task's execution and task roles to ECS (RegisterTaskDefinition names them).</item>
/// <item>SSM DescribeParameters (Deployer.ParametersUnderAsync: the names under the secrets path, never values) and
/// GetParameters without decryption (Preflight); Secrets Manager DescribeSecret of the Secrets Manager secrets [secrets]
/// names, when it names any (Preflight: whether they exist, never their values).</item>
/// <item>CloudWatch Logs DescribeLogGroups (Preflight) and FilterLogEvents on the service's group (ServiceLogs: the
/// stopped tasks' last lines).</item>
/// <item>ELB DescribeTargetHealth (the rollout watch) and DescribeTargetGroups (Preflight).</item>
/// <item>STS AssumeRole of the previous stage's read role only, when there is a previous stage: a GitHub Actions job
/// assumes nothing but its own stage's deploy role through OIDC, and `fargo promote --from-profile P` then assumes the
/// read role from those credentials (P: <c>role_arn</c> = the read role, <c>credential_source = Environment</c>), so no
/// second set of temporary credentials is written to the runner's disk.</item>
/// </list>
/// With [pipeline] infra, also what `fargo infra diff` and `fargo infra up --yes` call with the environment's credentials
/// (InfraUpCommand, InfraAwsSession, LiveImage, HostedZoneLookup) and the CDK toolkit under them:
/// <list type="bullet">
/// <item>STS AssumeRole of the account's CDK bootstrap roles (cdk-hnb659fds-deploy-role, -file-publishing-role,
/// -image-publishing-role and -lookup-role, each -ACCOUNT-REGION): the toolkit deploys through them, as AWS documents for
/// CI, so the deploy role itself changes no stack and creates no resource; CloudFormation's execution role does.</item>
/// <item>CloudFormation DescribeStacks on the environment's and the service's stacks (whether the environment stack
/// exists yet, the stacks' outputs).</item>
/// <item>Route 53 ListHostedZonesByName, when the environment names its hosted zone (the zone's id for the certificate).</item>
/// </list>
/// Not granted: RunTask, StopTask, PutParameter, DeleteService and the rest of what `fargo run`, `secret set` or
/// `down` call, which no pipeline runs; nor any access to another stage's repository: promote reads the previous stage
/// with that stage's own read role (`fargo promote --from-profile`).
/// <para>
/// The read role (<see cref="ResourceNames.ReadRole"/>, only on a stage a later stage promotes from) is assumed by the
/// next stage's deploy role (sts:AssumeRole; it trusts no GitHub OIDC subject itself, so only a job of the next stage's
/// GitHub environment reaches it, through that stage's deploy role) and, with a CodePipeline, by the pipeline's promote
/// role, whose buildspec assumes it directly. It may do exactly what `fargo promote --from THIS --from-profile P` calls with P's credentials,
/// read from Promoter and what it calls; nothing that writes:
/// <list type="bullet">
/// <item>STS GetCallerIdentity (TargetResolver.CheckAccountAsync: the source's account check).</item>
/// <item>ECS DescribeServices on the service (ServiceLookup.RequireAsync: what runs there) and DescribeTaskDefinition
/// (ServiceStatusReader.ImageOfAsync: its image).</item>
/// <item>ECR DescribeImages on the service's repository (ImageResolver.ResolveUriAsync and ResolveVersionAsync: the
/// running image's and the version's digests; Promoter.FirstTagAsync: the source's tag), BatchGetImage (Promoter's
/// PutImage path in one registry reads the manifest through the source's ECR API; across registries RegistryClient's
/// GET of manifests), GetDownloadUrlForLayer (RegistryClient's GET of blobs) and GetAuthorizationToken (Promoter's
/// registry login to the source, with the source's own token).</item>
/// </list>
/// Not needed and not granted: BatchCheckLayerAvailability, HEAD of manifests and DescribeRepositories are asked of the
/// destination only (ImageCopier, Promoter.RequireRepositoryAsync), with the deploy role; promote lists and describes no
/// task.
/// </para>
/// </remarks>
internal sealed class DeployAccessStack : Stack
{
    public const string GitHubOidcHost = GitHubOidc.Host;
    public const string StsAudience = GitHubOidc.StsAudience;

    /// <summary>
    /// The certificate thumbprints of GitHub's OIDC endpoint. IAM no longer checks them for GitHub (it trusts its root
    /// CAs), but the API still requires the list on older partitions; these are the two GitHub publishes.
    /// </summary>
    public static readonly string[] GitHubThumbprints = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"];

    public DeployAccessStack(Construct scope, string id, DeliveryPipeline pipeline, int stageIndex, bool trustCodePipeline, IStackProps props)
        : base(scope, id, props)
    {
        var stage = pipeline.Stages[stageIndex];
        var settings = stage.Settings;
        var names = settings.Names;

        // An account has one provider per issuer URL: the first stack in the account creates it, every other one
        // (another service, another environment sharing the account) reuses it. Its ARN is fixed by the URL, so the
        // role names it either way and only its creation is conditional.
        var createProvider = new CfnParameter(this, StackParameters.CreateOidcProvider, new CfnParameterProps
        {
            Type = "String",
            Default = "true",
            AllowedValues = ["true", "false"],
            Description = $"true: create GitHub's OIDC provider ({GitHubOidcHost}) in this account. false: an OIDC provider for it exists already (created by another Fargo stack or by hand; its audiences must include {StsAudience}).",
        });
        var creates = new CfnCondition(this, "CreatesOidcProvider", new CfnConditionProps
        {
            Expression = Fn.ConditionEquals(createProvider.ValueAsString, "true"),
        });
        var provider = new CfnOIDCProvider(this, "GitHubOidcProvider", new CfnOIDCProviderProps
        {
            Url = GitHubOidc.Issuer,
            ClientIdList = [StsAudience],
            ThumbprintList = GitHubThumbprints,
        });
        provider.CfnOptions.Condition = creates;
        // Referencing the provider when this stack creates it orders the role after it (IAM checks a trust policy's principal).
        var providerArn = Fn.ConditionIf(creates.LogicalId, provider.Ref, $"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:oidc-provider/{GitHubOidcHost}").ToString()!;

        var role = new Role(this, "DeployRole", new RoleProps
        {
            RoleName = names.DeployRole,
            Description = $"CI/CD of {settings.Name} in {stage.Name}: build, push, promote, deploy (GitHub {pipeline.GitHubRepository}, environment {stage.GitHubEnvironment})",
            MaxSessionDuration = Duration.Hours(1),
            AssumedBy = GitHubPrincipal(providerArn, pipeline, stage),
        });
        if (trustCodePipeline)
        {
            TrustCodeBuild(role, pipeline, stageIndex);
        }

        foreach (var statement in Permissions(pipeline, stageIndex))
        {
            role.AddToPolicy(statement);
        }

        _ = new CfnOutput(this, StackOutputs.DeployRoleArn, new CfnOutputProps { Value = role.RoleArn, Description = "The role CI/CD assumes to build, push, promote and deploy" });
        _ = new CfnOutput(this, StackOutputs.GitHubSubject, new CfnOutputProps
        {
            Value = Subject(pipeline, stage),
            Description = "The only GitHub OIDC subject the role trusts",
        });

        if (stageIndex + 1 < pipeline.Stages.Count)
        {
            var readRole = CreateReadRole(pipeline, stageIndex, trustCodePipeline);
            _ = new CfnOutput(this, StackOutputs.ReadRoleArn, new CfnOutputProps
            {
                Value = readRole.RoleArn,
                Description = $"The read-only role the next stage ({pipeline.Stages[stageIndex + 1].Name}) promotes from this environment with",
            });
        }
    }

    /// <summary>
    /// The role the next stage's CI/CD reads this environment with when it promotes (what runs here, and the image):
    /// trusted by the next stage's deploy role (GitHub Actions assume that one through OIDC, then Fargo this one from its
    /// credentials) and, with a CodePipeline, by its promote project's role, exactly as that stage's deploy role is.
    /// </summary>
    private Role CreateReadRole(DeliveryPipeline pipeline, int stageIndex, bool trustCodePipeline)
    {
        var stage = pipeline.Stages[stageIndex];
        var next = pipeline.Stages[stageIndex + 1];
        var role = new Role(this, "ReadRole", new RoleProps
        {
            RoleName = stage.Settings.Names.ReadRole,
            Description = $"Promote of {stage.Settings.Name} to {next.Name}: reads what runs in {stage.Name} and its image, nothing else (assumed by {next.Settings.Names.DeployRole}, GitHub {pipeline.GitHubRepository}, environment {next.GitHubEnvironment})",
            MaxSessionDuration = Duration.Hours(1),
            AssumedBy = RoleInAccount(next.Account, next.DeployRoleArn),
        });
        if (trustCodePipeline)
        {
            TrustCodeBuild(role, pipeline, stageIndex + 1);
        }

        foreach (var statement in ReadPermissions(pipeline, stageIndex))
        {
            role.AddToPolicy(statement);
        }

        return role;
    }

    private static string Subject(DeliveryPipeline pipeline, DeliveryStage stage) =>
        GitHubOidc.EnvironmentSubject(pipeline.GitHubRepository, stage.GitHubEnvironment);

    /// <summary>GitHub Actions jobs of <paramref name="stage"/>'s GitHub environment, through the account's OIDC provider.</summary>
    private static FederatedPrincipal GitHubPrincipal(string providerArn, DeliveryPipeline pipeline, DeliveryStage stage) =>
        new(providerArn, new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object>
            {
                [$"{GitHubOidcHost}:aud"] = StsAudience,
                [$"{GitHubOidcHost}:sub"] = Subject(pipeline, stage),
            },
        }, "sts:AssumeRoleWithWebIdentity");

    /// <summary>
    /// The role <paramref name="roleArn"/> of <paramref name="account"/> only: the account's root on the condition of the
    /// role's ARN, which IAM accepts whether or not the role exists yet (a role principal must exist when the trust policy
    /// is written, and stages are set up in any order).
    /// </summary>
    private static PrincipalBase RoleInAccount(string account, string roleArn) =>
        new AccountPrincipal(account).WithConditions(new Dictionary<string, object>
        {
            ["ArnEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = roleArn },
        });

    /// <summary>Lets the CodeBuild role of the pipeline's stage <paramref name="codeBuildStage"/> assume <paramref name="role"/>.</summary>
    private static void TrustCodeBuild(Role role, DeliveryPipeline pipeline, int codeBuildStage)
    {
        // The pipeline's CodeBuild role lives in the first stage's account and may not exist yet (the pipeline
        // stack comes after the deploy roles): trusting the account on the condition of the role's ARN needs no
        // existing principal, and admits that one role only.
        role.AssumeRolePolicy!.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CodePipelineBuild",
            Effect = Effect.ALLOW,
            Principals = [new AccountPrincipal(pipeline.First.Account)],
            Actions = ["sts:AssumeRole"],
            Conditions = new Dictionary<string, object>
            {
                ["ArnEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = pipeline.CodeBuildRoleArn(codeBuildStage) },
            },
        }));
    }

    /// <summary>The read role's statements: every action named for it in the class remarks, each on the narrowest resource IAM allows.</summary>
    internal static IEnumerable<PolicyStatement> ReadPermissions(DeliveryPipeline pipeline, int stageIndex)
    {
        var stage = pipeline.Stages[stageIndex];
        var names = stage.Settings.Names;
        var partition = AwsPartitions.Of(stage.Region);

        // No resource-level permissions exist for these (IAM's service authorization reference): "*" is the only choice.
        yield return Statement("AccountWideReads", ["*"],
            "ecr:GetAuthorizationToken",
            "ecs:DescribeTaskDefinition",
            "sts:GetCallerIdentity");
        yield return Statement("DescribeService", [$"arn:{partition}:ecs:{stage.Region}:{stage.Account}:service/{names.Cluster}/{names.Service}"],
            "ecs:DescribeServices");
        yield return Statement("PullFromServiceRepository", [stage.RepositoryArn],
            "ecr:BatchGetImage",
            "ecr:DescribeImages",
            "ecr:GetDownloadUrlForLayer");
    }

    /// <summary>The deploy role's statements: every action named in the class remarks, each on the narrowest resource IAM allows.</summary>
    internal static IEnumerable<PolicyStatement> Permissions(DeliveryPipeline pipeline, int stageIndex)
    {
        var stage = pipeline.Stages[stageIndex];
        var names = stage.Settings.Names;
        var region = stage.Region;
        var account = stage.Account;
        var partition = AwsPartitions.Of(region);
        var cluster = $"arn:{partition}:ecs:{region}:{account}:cluster/{names.Cluster}";

        // No resource-level permissions exist for these (IAM's service authorization reference): "*" is the only choice.
        yield return Statement("AccountWideReads", ["*"],
            "ecr:GetAuthorizationToken",
            "ecs:DescribeTaskDefinition",
            "ecs:RegisterTaskDefinition",
            "ssm:DescribeParameters",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
            "sts:GetCallerIdentity");

        yield return Statement("PushToServiceRepository", [stage.RepositoryArn],
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:CompleteLayerUpload",
            "ecr:CreateRepository",
            "ecr:DescribeImages",
            "ecr:DescribeRepositories",
            "ecr:GetDownloadUrlForLayer",
            "ecr:InitiateLayerUpload",
            "ecr:PutImage",
            "ecr:UploadLayerPart");

        // Tag-on-create: RegisterTaskDefinition with tags also needs ecs:TagResource; the condition keeps it to that call.
        var tagOnRegister = Statement("TagTaskDefinitionsOnRegister", [$"arn:{partition}:ecs:{region}:{account}:task-definition/{names.TaskFamily}:*"], "ecs:TagResource");
        tagOnRegister.AddCondition("StringEquals", new Dictionary<string, object> { ["ecs:CreateAction"] = "RegisterTaskDefinition" });
        yield return tagOnRegister;

        yield return Statement("DeployService", [$"arn:{partition}:ecs:{region}:{account}:service/{names.Cluster}/{names.Service}"],
            "ecs:DescribeServices",
            "ecs:UpdateService");
        yield return Statement("DescribeCluster", [cluster], "ecs:DescribeClusters");
        yield return Statement("WatchTasks", [$"arn:{partition}:ecs:{region}:{account}:task/{names.Cluster}/*"], "ecs:DescribeTasks");
        // ListTasks is authorized on container instances; the cluster condition keeps it to this cluster.
        var listTasks = Statement("ListClusterTasks", ["*"], "ecs:ListTasks");
        listTasks.AddCondition("ArnEquals", new Dictionary<string, object> { ["ecs:cluster"] = cluster });
        yield return listTasks;

        var passRole = Statement("PassTaskRoles",
            [stage.Settings.Iam.RoleArn(region, account, names.ExecutionRole), stage.Settings.Iam.RoleArn(region, account, names.TaskRole)],
            "iam:PassRole");
        passRole.AddCondition("StringEquals", new Dictionary<string, object> { ["iam:PassedToService"] = "ecs-tasks.amazonaws.com" });
        yield return passRole;

        yield return Statement("CheckSecrets", [$"arn:{partition}:ssm:{region}:{account}:parameter/{stage.Settings.Secrets.Path.Trim('/')}/*"], "ssm:GetParameters");
        var secretsManagerSecrets = stage.Settings.Secrets.Explicit
            .Select(secret => SecretReference.Parse(secret.Key, secret.Value))
            .OfType<SecretsManagerSecret>()
            .Select(secret => secret.PolicyResource)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (secretsManagerSecrets.Length > 0)
        {
            yield return Statement("CheckSecretsManagerSecrets", secretsManagerSecrets, "secretsmanager:DescribeSecret");
        }
        yield return Statement("FindLogGroup", [$"arn:{partition}:logs:{region}:{account}:log-group:*"], "logs:DescribeLogGroups");
        yield return Statement("ReadServiceLogs", [$"arn:{partition}:logs:{region}:{account}:log-group:{names.LogGroup}:*"], "logs:FilterLogEvents");

        // Promote's source: the previous stage's read role, which trusts this role (and nothing of GitHub) in turn.
        if (stageIndex > 0)
        {
            yield return Statement("AssumePreviousStageReadRole", [pipeline.Stages[stageIndex - 1].ReadRoleArn], "sts:AssumeRole");
        }

        if (pipeline.Settings.Infra)
        {
            foreach (var statement in InfrastructurePermissions(stage))
            {
                yield return statement;
            }
        }
    }

    /// <summary>The CDK's modern bootstrap qualifier: its roles are cdk-&lt;qualifier&gt;-&lt;kind&gt;-role-&lt;account&gt;-&lt;region&gt;.</summary>
    internal const string CdkBootstrapQualifier = "hnb659fds";

    /// <summary>The bootstrap roles the CDK toolkit deploys through: the deployment, the asset publishing and the lookups.</summary>
    private static readonly string[] CdkBootstrapRoleKinds = ["deploy", "file-publishing", "image-publishing", "lookup"];

    /// <summary>[pipeline] infra: what `fargo infra diff` and `infra up` need (see the class remarks).</summary>
    private static IEnumerable<PolicyStatement> InfrastructurePermissions(DeliveryStage stage)
    {
        var (region, account, partition) = (stage.Region, stage.Account, AwsPartitions.Of(stage.Region));
        yield return Statement(
            "DeployThroughCdkBootstrapRoles",
            [.. CdkBootstrapRoleKinds.Select(kind => $"arn:{partition}:iam::{account}:role/cdk-{CdkBootstrapQualifier}-{kind}-role-{account}-{region}")],
            "sts:AssumeRole");
        var stacks = StackNames.For(stage.Settings);
        yield return Statement(
            "ReadEnvironmentStacks",
            [.. new[] { stacks.Environment, stacks.Service }.Select(name => $"arn:{partition}:cloudformation:{region}:{account}:stack/{name}/*")],
            "cloudformation:DescribeStacks");
        if (stage.Settings.Network.HostedZone is not null)
        {
            // No resource-level permissions exist for it: "*" is the only choice.
            yield return Statement("FindHostedZone", ["*"], "route53:ListHostedZonesByName");
        }
    }

    private static PolicyStatement Statement(string sid, string[] resources, params string[] actions) => new(new PolicyStatementProps
    {
        Sid = sid,
        Effect = Effect.ALLOW,
        Actions = actions,
        Resources = resources,
    });
}
