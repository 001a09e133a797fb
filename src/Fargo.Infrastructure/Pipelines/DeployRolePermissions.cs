using Fargo.Config.Model;
using Fargo.Infrastructure.Stacks;

namespace Fargo.Infrastructure.Pipelines;

/// <summary>One Allow statement of a CI role: its Sid, actions and resources, and at most one condition.</summary>
public sealed record PermissionGrant(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, GrantCondition? Condition = null);

/// <summary>A condition of a grant: operator, key and the one value it must have (e.g. StringEquals ecs:CreateAction RegisterTaskDefinition).</summary>
public sealed record GrantCondition(string Operator, string Key, string Value);

/// <summary>
/// What the CI roles of one pipeline stage may do, as plain data: the one list the deploy access stack writes into the
/// roles' policies (<see cref="DeployAccessStack"/>, whose remarks say where Fargo calls each action) and `fargo verify`
/// checks a live role against. The roles are the app's: a statement on a service's resource (its repository, ECS
/// service, task family, roles, log group, secrets) lists that resource of every service of the stage, in the order
/// written; what the services share (the cluster, the account-wide reads) is granted once.
/// </summary>
public static class DeployRolePermissions
{
    /// <summary>The read role's statements: every action named for it in the class remarks, each on the narrowest resource IAM allows.</summary>
    public static IEnumerable<PermissionGrant> ReadRole(DeliveryPipeline pipeline, int stageIndex)
    {
        var stage = pipeline.Stages[stageIndex];
        var partition = AwsPartitions.Of(stage.Region);

        // No resource-level permissions exist for these (IAM's service authorization reference): "*" is the only choice.
        yield return Statement("AccountWideReads", ["*"],
            "ecr:GetAuthorizationToken",
            "ecs:DescribeTaskDefinition",
            "sts:GetCallerIdentity");
        yield return Statement("DescribeService", EachService(stage, names => $"arn:{partition}:ecs:{stage.Region}:{stage.Account}:service/{names.Cluster}/{names.Service}"),
            "ecs:DescribeServices");
        yield return Statement("PullFromServiceRepository", [.. stage.RepositoryArns],
            "ecr:BatchGetImage",
            "ecr:DescribeImages",
            "ecr:GetDownloadUrlForLayer");
    }

    /// <summary>The deploy role's statements: every action named in the class remarks, each on the narrowest resource IAM allows.</summary>
    public static IEnumerable<PermissionGrant> DeployRole(DeliveryPipeline pipeline, int stageIndex)
    {
        var stage = pipeline.Stages[stageIndex];
        var region = stage.Region;
        var account = stage.Account;
        var partition = AwsPartitions.Of(region);
        var clusters = EachService(stage, names => $"arn:{partition}:ecs:{region}:{account}:cluster/{names.Cluster}");

        // No resource-level permissions exist for these (IAM's service authorization reference): "*" is the only choice.
        yield return Statement("AccountWideReads", ["*"],
            "ecr:GetAuthorizationToken",
            "ecs:DescribeTaskDefinition",
            "ecs:RegisterTaskDefinition",
            "ssm:DescribeParameters",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
            // The Service Authorization Reference gives it no resource type (it lists the account's groups): a grant on
            // log-group ARNs never matches, and AWS denies the call on "*" (found by the pipeline rehearsal).
            "logs:DescribeLogGroups",
            "sts:GetCallerIdentity");

        yield return Statement("PushToServiceRepository", [.. stage.RepositoryArns],
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
        yield return Statement("TagTaskDefinitionsOnRegister", EachService(stage, names => $"arn:{partition}:ecs:{region}:{account}:task-definition/{names.TaskFamily}:*"), "ecs:TagResource")
            with { Condition = new GrantCondition("StringEquals", "ecs:CreateAction", "RegisterTaskDefinition") };

        yield return Statement("DeployService", EachService(stage, names => $"arn:{partition}:ecs:{region}:{account}:service/{names.Cluster}/{names.Service}"),
            "ecs:DescribeServices",
            "ecs:UpdateService");
        yield return Statement("DescribeCluster", clusters, "ecs:DescribeClusters");
        yield return Statement("WatchTasks", EachService(stage, names => $"arn:{partition}:ecs:{region}:{account}:task/{names.Cluster}/*"), "ecs:DescribeTasks");
        // ListTasks is authorized on container instances; the cluster condition keeps it to the environment's cluster
        // (a grant holds one condition value: the services of an app share their environment's cluster).
        yield return Statement("ListClusterTasks", ["*"], "ecs:ListTasks") with { Condition = new GrantCondition("ArnEquals", "ecs:cluster", clusters[0]) };

        yield return Statement("PassTaskRoles",
            [.. stage.Services
                .SelectMany(service => new[] { service.Iam.RoleArn(region, account, service.Names.ExecutionRole), service.Iam.RoleArn(region, account, service.Names.TaskRole) })
                .Distinct(StringComparer.Ordinal)],
            "iam:PassRole") with { Condition = new GrantCondition("StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com") };

        var secretsManagerSecrets = stage.Services
            .SelectMany(service => service.Secrets.Explicit)
            .Select(secret => SecretReference.Parse(secret.Key, secret.Value))
            .OfType<SecretsManagerSecret>()
            .Select(secret => secret.PolicyResource)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (secretsManagerSecrets.Length > 0)
        {
            yield return Statement("CheckSecretsManagerSecrets", secretsManagerSecrets, "secretsmanager:DescribeSecret");
        }
        yield return Statement("ReadServiceLogs", EachService(stage, names => $"arn:{partition}:logs:{region}:{account}:log-group:{names.LogGroup}:*"), "logs:FilterLogEvents");

        // `fargo verify` in the stage's job checks this stage's CI roles with the deploy role's own credentials
        // (VerifyCiRoles: the deploy role, and the read role when a later stage promotes from this one).
        yield return Statement("CheckOwnCiRoles",
            stageIndex + 1 < pipeline.Stages.Count ? [stage.DeployRoleArn, stage.ReadRoleArn] : [stage.DeployRoleArn],
            "iam:SimulatePrincipalPolicy");

        // Promote's source: the previous stage's read role, which trusts this role (and nothing of GitHub) in turn.
        if (stageIndex > 0)
        {
            yield return Statement("AssumePreviousStageReadRole", [pipeline.Stages[stageIndex - 1].ReadRoleArn], "sts:AssumeRole");
        }

        if (pipeline.Settings.Infra)
        {
            foreach (var grant in InfrastructurePermissions(stage))
            {
                yield return grant;
            }
        }
    }

    /// <summary>The CDK's modern bootstrap qualifier: its roles are cdk-&lt;qualifier&gt;-&lt;kind&gt;-role-&lt;account&gt;-&lt;region&gt;.</summary>
    public const string CdkBootstrapQualifier = "hnb659fds";

    /// <summary>The bootstrap roles the CDK toolkit deploys through: the deployment, the asset publishing and the lookups.</summary>
    private static readonly string[] CdkBootstrapRoleKinds = ["deploy", "file-publishing", "image-publishing", "lookup"];

    /// <summary>[pipeline] infra: what `fargo infra diff` and `infra up` need (see the class remarks).</summary>
    private static IEnumerable<PermissionGrant> InfrastructurePermissions(DeliveryStage stage)
    {
        var (region, account, partition) = (stage.Region, stage.Account, AwsPartitions.Of(stage.Region));
        yield return Statement(
            "DeployThroughCdkBootstrapRoles",
            [.. CdkBootstrapRoleKinds.Select(kind => $"arn:{partition}:iam::{account}:role/cdk-{CdkBootstrapQualifier}-{kind}-role-{account}-{region}")],
            "sts:AssumeRole");
        yield return Statement(
            "ReadEnvironmentStacks",
            [.. stage.Services
                .Select(StackNames.For)
                .SelectMany(stacks => new[] { stacks.Environment, stacks.Service })
                .Distinct(StringComparer.Ordinal)
                .Select(name => $"arn:{partition}:cloudformation:{region}:{account}:stack/{name}/*")],
            "cloudformation:DescribeStacks");
        if (stage.Services.Any(service => service.Network.HostedZone is not null))
        {
            // No resource-level permissions exist for it: "*" is the only choice.
            yield return Statement("FindHostedZone", ["*"], "route53:ListHostedZonesByName");
        }
    }

    private static PermissionGrant Statement(string sid, string[] resources, params string[] actions) => new(sid, actions, resources);

    /// <summary>A resource of every service of the stage, in the order written, each once (the services share the cluster).</summary>
    private static string[] EachService(DeliveryStage stage, Func<ResourceNames, string> resource) =>
        [.. stage.Services.Select(service => resource(service.Names)).Distinct(StringComparer.Ordinal)];
}
