using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.AWS.CodePipeline;
using Amazon.CDK.AWS.CodePipeline.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using StageProps = Amazon.CDK.AWS.CodePipeline.StageProps;
using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// The CodePipeline of an app (`fargo infra … --pipeline`; a file of one service: that service), in the first stage's
/// account and region: the GitHub source (a CodeStar connection, or a webhook authenticated with GITHUB_HMAC), a
/// privileged CodeBuild project that builds each service's image once, tests it inside itself, pushes it and deploys the
/// first stage (every service, called ones first), then for every later stage a manual approval that notifies the
/// approvers' SNS topic followed by a CodeBuild project that promotes the same digests and deploys them. Every build works through the stage's deploy role (<see cref="DeployAccessStack"/>), and a promote reads
/// the previous stage through that stage's read role, never with its own access to the environments.
/// </summary>
internal sealed class PipelineStack : Stack
{
    /// <summary>The CodeBuild image: Amazon Linux with Docker; Fargo installs the .NET it needs itself.</summary>
    private static readonly IBuildImage BuildImage = LinuxBuildImage.STANDARD_7_0;

    public PipelineStack(Construct scope, string id, DeliveryPipeline pipeline, IStackProps props)
        : base(scope, id, props)
    {
        var artifacts = Buckets.Create(this, "ArtifactsBucket", BucketEncryption.KMS_MANAGED, keep: false, serverAccessLogs: null, serverAccessLogsPrefix: null, expireObjectsAfterDays: 30);
        var logs = new LogGroup(this, "BuildLogs", new LogGroupProps
        {
            LogGroupName = $"/fargo/pipeline/{pipeline.App}",
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // A year, as Control Tower asks of log groups: these are the record of what was deployed when.
        ((CfnLogGroup)logs.Node.DefaultChild!).RetentionInDays = 365;

        var sourceOutput = new Artifact_("Source");
        var (source, commitId) = Source(pipeline, sourceOutput);

        var buildRole = CodeBuildRole("BuildRole", pipeline.BuildRoleName, $"CodeBuild of {pipeline.PipelineName}: assumes the deploy role of {pipeline.First.Name} to build, push and deploy", [pipeline.First], readsFrom: [], artifacts, logs);
        var build = Project("BuildProject", $"{pipeline.PipelineName}-build", buildRole, logs, privileged: true, pipeline, PipelineCommands.FirstStage(pipeline));

        var stages = new List<Amazon.CDK.AWS.CodePipeline.IStageProps>
        {
            new StageProps { StageName = "Source", Actions = [source] },
            new StageProps
            {
                StageName = pipeline.First.Name,
                Actions =
                [
                    new CodeBuildAction(new CodeBuildActionProps
                    {
                        ActionName = "BuildTestPushDeploy",
                        Project = build,
                        Input = sourceOutput,
                        EnvironmentVariables = Variables(commitId, pipeline.Settings.TestVariables()),
                    }),
                ],
            },
        };

        if (pipeline.Stages.Count > 1)
        {
            var (topic, key) = ApprovalTopic(pipeline);
            var approvalRole = new Role(this, "ApprovalRole", new RoleProps
            {
                AssumedBy = new AccountPrincipal(Account),
                Description = $"The approval actions of {pipeline.PipelineName}: notify the approvers' topic",
            });
            // Publishing to an encrypted topic needs the key as well as sns:Publish (which the approval action grants).
            key.Grant(approvalRole, "kms:Decrypt", "kms:GenerateDataKey*");
            var promoteRole = CodeBuildRole(
                "PromoteRole",
                pipeline.PromoteRoleName,
                $"CodeBuild of {pipeline.PipelineName}: assumes the deploy roles of the later stages to promote and deploy, and the read roles of the stages they promote from",
                pipeline.Stages.Skip(1),
                readsFrom: pipeline.Stages.Take(pipeline.Stages.Count - 1),
                artifacts,
                logs);

            for (var index = 1; index < pipeline.Stages.Count; index++)
            {
                var stage = pipeline.Stages[index];
                stages.Add(new StageProps
                {
                    StageName = $"Approve-{stage.Name}",
                    Actions =
                    [
                        new ManualApprovalAction(new ManualApprovalActionProps
                        {
                            ActionName = "Approve",
                            NotificationTopic = topic,
                            Role = approvalRole,
                            AdditionalInformation = $"Promote the image {pipeline.PreviousOf(index).Name} runs to {stage.Name} and deploy it.",
                        }),
                    ],
                });
                var project = Project($"Promote{Pascal(stage.Name)}Project", $"{pipeline.PipelineName}-{stage.Name}", promoteRole, logs, privileged: false, pipeline, PipelineCommands.LaterStage(pipeline, index));
                stages.Add(new StageProps
                {
                    StageName = stage.Name,
                    Actions =
                    [
                        new CodeBuildAction(new CodeBuildActionProps
                        {
                            ActionName = "PromoteDeploy",
                            Project = project,
                            Input = sourceOutput,
                            EnvironmentVariables = Variables(commitId, tests: []),
                        }),
                    ],
                });
            }
        }

        Pipeline = new Pipeline(this, "Pipeline", new PipelineProps
        {
            PipelineName = pipeline.PipelineName,
            PipelineType = PipelineType.V2,
            ArtifactBucket = artifacts,
            CrossAccountKeys = false,
            RestartExecutionOnUpdate = false,
            Stages = [.. stages],
        });

        _ = new CfnOutput(this, StackOutputs.PipelineName, new CfnOutputProps { Value = Pipeline.PipelineName, Description = "The pipeline" });
        _ = new CfnOutput(this, StackOutputs.ArtifactsBucketName, new CfnOutputProps { Value = artifacts.BucketName, Description = "The pipeline's artifacts (emptied by `fargo infra down --pipeline`)" });
    }

    public Pipeline Pipeline { get; }

    private static (IAction Action, string CommitId) Source(DeliveryPipeline pipeline, Artifact_ output)
    {
        if (pipeline.Connection is { } connection)
        {
            var action = new CodeStarConnectionsSourceAction(new CodeStarConnectionsSourceActionProps
            {
                ActionName = "GitHub",
                ConnectionArn = connection,
                Owner = pipeline.Owner,
                Repo = pipeline.RepositoryName,
                Branch = pipeline.Branch,
                TriggerOnPush = true,
                Output = output,
            });
            return (action, action.Variables.CommitId);
        }

        // The token is a dynamic reference to Secrets Manager: CloudFormation resolves it, the template never holds it.
        // CDK registers the webhook with GitHub (GITHUB_HMAC) signed with the same secret.
        var webhook = new GitHubSourceAction(new GitHubSourceActionProps
        {
            ActionName = "GitHub",
            Owner = pipeline.Owner,
            Repo = pipeline.RepositoryName,
            Branch = pipeline.Branch,
            OauthToken = SecretValue.SecretsManager(pipeline.GitHubTokenSecretName),
            Trigger = GitHubTrigger.WEBHOOK,
            Output = output,
        });
        return (webhook, webhook.Variables.CommitId);
    }

    /// <summary>The approvers' topic, encrypted with its own key (rotated; grants only for AWS services), TLS only.</summary>
    private (Topic Topic, Key Key) ApprovalTopic(DeliveryPipeline pipeline)
    {
        var key = new Key(this, "ApprovalTopicKey", new KeyProps
        {
            Description = $"Encrypts the approval notifications of {pipeline.PipelineName}",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.DESTROY,
            PendingWindow = Duration.Days(7),
        });
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "GrantsOnlyForAwsServices",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["kms:CreateGrant"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["BoolIfExists"] = new Dictionary<string, object>
                {
                    ["kms:GrantIsForAWSResource"] = "false",
                    ["aws:PrincipalIsAWSService"] = "false",
                },
            },
        }));

        var topic = new Topic(this, "ApprovalTopic", new TopicProps
        {
            DisplayName = $"Approvals of {pipeline.PipelineName}",
            MasterKey = key,
        });
        // (The topic's EnforceSSL adds this only alongside another resource policy statement; there is none.)
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PublishOverTlsOnly",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
            },
        }));
        foreach (var approver in pipeline.Approvers)
        {
            topic.AddSubscription(new EmailSubscription(approver));
        }

        return (topic, key);
    }

    /// <summary>
    /// A CodeBuild role that may read the source artifact, write its builds' logs, assume the given stages' deploy
    /// roles and the read roles of the stages it promotes from; nothing else. The projects get it without policy
    /// updates, so that the CDK's defaults (a log group per project that is never used, report groups) are not added to it.
    /// </summary>
    private IRole CodeBuildRole(string id, string name, string description, IEnumerable<DeliveryStage> stages, IEnumerable<DeliveryStage> readsFrom, Bucket artifacts, LogGroup logs)
    {
        var role = new Role(this, id, new RoleProps
        {
            RoleName = name,
            Description = description,
            AssumedBy = new ServicePrincipal("codebuild.amazonaws.com"),
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AssumeDeployRoles",
            Effect = Effect.ALLOW,
            Actions = ["sts:AssumeRole"],
            Resources = [.. stages.Select(stage => stage.DeployRoleArn)],
        }));
        var readRoles = readsFrom.Select(stage => stage.ReadRoleArn).ToArray();
        if (readRoles.Length > 0)
        {
            role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "AssumeReadRoles",
                Effect = Effect.ALLOW,
                Actions = ["sts:AssumeRole"],
                Resources = readRoles,
            }));
        }
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadSourceArtifact",
            Effect = Effect.ALLOW,
            Actions = ["s3:GetObject", "s3:GetObjectVersion"],
            Resources = [artifacts.ArnForObjects("*")],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "WriteBuildLogs",
            Effect = Effect.ALLOW,
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [logs.LogGroupArn],
        }));
        return role.WithoutPolicyUpdates();
    }

    private PipelineProject Project(string id, string name, IRole role, LogGroup logs, bool privileged, DeliveryPipeline pipeline, IReadOnlyList<string> commands) =>
        new(this, id, new PipelineProjectProps
        {
            ProjectName = name,
            Role = role,
            Environment = new BuildEnvironment
            {
                BuildImage = BuildImage,
                ComputeType = ComputeType.SMALL,
                // Docker builds the image: the build container runs its own Docker daemon, which needs privileged mode.
                Privileged = privileged,
            },
            Logging = new LoggingOptions { CloudWatch = new CloudWatchLoggingOptions { LogGroup = logs, Prefix = name } },
            Timeout = Duration.Minutes(60),
            BuildSpec = BuildSpec.FromObject(new Dictionary<string, object>
            {
                ["version"] = "0.2",
                ["env"] = new Dictionary<string, object> { ["shell"] = "bash" },
                ["phases"] = new Dictionary<string, object>
                {
                    ["build"] = new Dictionary<string, object> { ["commands"] = (string[])[.. PipelineCommands.Install(pipeline), .. commands] },
                },
            }),
        });

    private static Dictionary<string, IBuildEnvironmentVariable> Variables(string commitId, IReadOnlyList<PipelineTest> tests)
    {
        var variables = new Dictionary<string, IBuildEnvironmentVariable>
        {
            [PipelineCommands.CommitVariable] = new BuildEnvironmentVariable { Value = commitId },
        };
        foreach (var test in tests)
        {
            variables[test.Variable] = new BuildEnvironmentVariable { Value = test.Command };
        }

        return variables;
    }

    private static string Pascal(string name) =>
        string.Concat(name.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
