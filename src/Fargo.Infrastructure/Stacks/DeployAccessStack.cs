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
/// <item>SSM DescribeParameters (Deployer.ParametersUnderAsync: the names under the secrets path; Preflight: whether the
/// parameters [secrets] names exist; names only, never values); Secrets Manager DescribeSecret of the Secrets Manager secrets [secrets]
/// names, when it names any (Preflight: whether they exist, never their values).</item>
/// <item>CloudWatch Logs DescribeLogGroups (Preflight) and FilterLogEvents on the service's group (ServiceLogs: the
/// stopped tasks' last lines).</item>
/// <item>ELB DescribeTargetHealth (the rollout watch) and DescribeTargetGroups (Preflight).</item>
/// <item>IAM SimulatePrincipalPolicy on the stage's own CI roles only (the deploy role, and the read role when a stage
/// follows): `fargo verify` in the stage's job checks them with the deploy role's credentials (VerifyCiRoles, CiRoleCheck),
/// so its roles check runs in the pipeline instead of reporting "not checked".</item>
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
            Description = $"CI/CD of {settings.App} in {stage.Name}: build, push, promote, deploy (GitHub {pipeline.GitHubRepository}, environment {stage.GitHubEnvironment})",
            MaxSessionDuration = Duration.Hours(1),
            AssumedBy = GitHubPrincipal(providerArn, pipeline, stage),
        });
        if (trustCodePipeline)
        {
            TrustCodeBuild(role, pipeline, stageIndex);
        }

        foreach (var grant in DeployRolePermissions.DeployRole(pipeline, stageIndex))
        {
            role.AddToPolicy(Statement(grant));
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
            Description = $"Promote of {stage.Settings.App} to {next.Name}: reads what runs in {stage.Name} and its image, nothing else (assumed by {next.Settings.Names.DeployRole}, GitHub {pipeline.GitHubRepository}, environment {next.GitHubEnvironment})",
            MaxSessionDuration = Duration.Hours(1),
            AssumedBy = RoleInAccount(next.Account, next.DeployRoleArn),
        });
        if (trustCodePipeline)
        {
            TrustCodeBuild(role, pipeline, stageIndex + 1);
        }

        foreach (var grant in DeployRolePermissions.ReadRole(pipeline, stageIndex))
        {
            role.AddToPolicy(Statement(grant));
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

    /// <summary>A grant of <see cref="DeployRolePermissions"/> as the role's policy statement.</summary>
    private static PolicyStatement Statement(PermissionGrant grant)
    {
        var statement = new PolicyStatement(new PolicyStatementProps
        {
            Sid = grant.Sid,
            Effect = Effect.ALLOW,
            Actions = [.. grant.Actions],
            Resources = [.. grant.Resources],
        });
        if (grant.Condition is { } condition)
        {
            statement.AddCondition(condition.Operator, new Dictionary<string, object> { [condition.Key] = condition.Value });
        }

        return statement;
    }
}
