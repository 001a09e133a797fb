using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The CodePipeline of the example (qa, then prod): built and tested once, deployed to qa, approved by a person, promoted
/// and deployed to prod; a webhook source in one variant, a CodeStar connection in the other.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class PipelineStackTests(SynthesisFixture synthesis)
{
    [Fact]
    public void Prod_is_deployed_only_after_the_approval_stage()
    {
        var stages = Stages(synthesis.Pipeline);
        Assert.Equal(["Source", "qa", "Approve-prod", "prod"], stages.Select(s => (string)s["Name"]!));

        var approval = Assert.Single(stages[2]["Actions"]!.AsArray())!;
        Assert.Equal("Approval", (string?)approval["ActionTypeId"]!["Category"]);
        Assert.Equal("Manual", (string?)approval["ActionTypeId"]!["Provider"]);
        Assert.Equal(ServiceStackTests.LogicalId(synthesis.Pipeline.Json, "AWS::SNS::Topic"), (string?)approval["Configuration"]!["NotificationArn"]!["Ref"]);

        // Every action before the approval stays out of prod; the one after it is prod's promotion.
        var prod = Assert.Single(stages[3]["Actions"]!.AsArray())!;
        Assert.Equal("CodeBuild", (string?)prod["ActionTypeId"]!["Provider"]);
        Assert.Equal(ProjectId("PromoteProdProject"), (string?)prod["Configuration"]!["ProjectName"]!["Ref"]);
        Assert.Contains("fargo promote --from qa --to prod", BuildSpecOf("PromoteProdProject"), StringComparison.Ordinal);
        Assert.DoesNotContain("--env prod", BuildSpecOf("BuildProject"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_project_builds_once_tests_inside_the_image_pushes_and_deploys_qa_as_qa_deploy_role()
    {
        var commands = CommandsOf("BuildProject");
        Assert.Equal(PipelineCommands.Install(synthesis.Pipeline.Pipeline).Concat(PipelineCommands.FirstStage(synthesis.Pipeline.Pipeline)), commands);
        var fargo = commands.Where(c => c.StartsWith("fargo ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "fargo build --env qa --version \"$V\" --test \"$FARGO_TEST\"",
                "fargo push --env qa --version \"$V\"",
                "fargo deploy --env qa --version \"$V\" --yes",
            ],
            fargo);
        Assert.Contains("dotnet tool install --global Fargo.Cli --version 1.2.3", commands);
        Assert.Contains("V=\"${FARGO_COMMIT:0:7}\"", commands);
        Assert.Contains("cd \"services/todo-api\"", commands);
        Assert.Contains("aws configure set profile.fargo-deploy.role_arn arn:aws:iam::111111111111:role/todo-api-qa-deploy", commands);

        // Docker needs privileged mode in the build project only.
        synthesis.Pipeline.Template.HasResourceProperties("AWS::CodeBuild::Project", Like(("Name", "fargo-todo-api-build"), ("Environment", Like(("PrivilegedMode", true)))));
        synthesis.Pipeline.Template.HasResourceProperties("AWS::CodeBuild::Project", Like(("Name", "fargo-todo-api-prod"), ("Environment", Like(("PrivilegedMode", false)))));

        // The version is the source commit, and the test command a plain variable of the action.
        var build = Stages(synthesis.Pipeline)[1]["Actions"]![0]!;
        var variables = JsonNode.Parse((string)build["Configuration"]!["EnvironmentVariables"]!)!.AsArray();
        Assert.Equal(
            """[{"name":"FARGO_COMMIT","type":"PLAINTEXT","value":"#{Source_GitHub_NS.CommitId}"},{"name":"FARGO_TEST","type":"PLAINTEXT","value":"dotnet test --no-build"}]""",
            variables.ToJsonString());
    }

    [Fact]
    public void Promote_project_reads_qa_through_qas_read_role_and_writes_prod_as_prods_deploy_role()
    {
        var commands = CommandsOf("PromoteProdProject");
        Assert.Equal(PipelineCommands.Install(synthesis.Pipeline.Pipeline).Concat(PipelineCommands.LaterStage(synthesis.Pipeline.Pipeline, 1)), commands);
        Assert.Contains("aws configure set profile.fargo-read.role_arn arn:aws:iam::111111111111:role/todo-api-qa-read", commands);
        Assert.Contains("aws configure set profile.fargo-read.credential_source EcsContainer", commands);
        Assert.Contains("aws configure set profile.fargo-deploy.role_arn arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy", commands);
        Assert.Contains("export AWS_PROFILE=fargo-deploy", commands);
        Assert.Equal(
            [
                "fargo promote --from qa --to prod --version \"$V\" --from-profile fargo-read",
                "fargo deploy --env prod --version \"$V\" --yes",
            ],
            commands.Where(c => c.StartsWith("fargo ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Build_roles_may_only_assume_their_stages_deploy_roles_read_the_source_and_write_their_logs()
    {
        var json = synthesis.Pipeline.Json;
        var build = ServiceStackTests.PolicyStatementsOf(json, "BuildRole");
        Assert.Equal(["AssumeDeployRoles", "ReadSourceArtifact", "WriteBuildLogs"], build.Select(s => (string)s["Sid"]!));
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-deploy", (string?)build[0]["Resource"]);
        Assert.Equal(["s3:GetObject", "s3:GetObjectVersion"], ServiceStackTests.Actions(build[1]));
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], ServiceStackTests.Actions(build[2]));

        var promote = ServiceStackTests.PolicyStatementsOf(json, "PromoteRole");
        Assert.Equal("todo-api-pipeline-promote", (string?)Role("PromoteRole")["RoleName"]);
        Assert.Equal("arn:aws:iam::222222222222:role/delegatedadmin/developer/todo-api-prod-deploy", (string?)promote.Single(s => (string?)s["Sid"] == "AssumeDeployRoles")["Resource"]);
        // The promote reads qa, the stage prod promotes from, through qa's read role; the build project reads no stage.
        var assumeRead = promote.Single(s => (string?)s["Sid"] == "AssumeReadRoles");
        Assert.Equal(["sts:AssumeRole"], ServiceStackTests.Actions(assumeRead));
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-read", (string?)assumeRead["Resource"]);
        Assert.Equal(["AssumeDeployRoles", "AssumeReadRoles", "ReadSourceArtifact", "WriteBuildLogs"], promote.Select(s => (string)s["Sid"]!));
        Assert.Equal("""{"Service":"codebuild.amazonaws.com"}""", Role("BuildRole")["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!.ToJsonString());
    }

    [Theory]
    [InlineData("pipeline")]
    [InlineData("pipeline-connection")]
    public void No_role_of_the_pipeline_gets_a_service_wildcard_or_administrator_access(string name)
    {
        var json = synthesis.GetSingle(name).Json;
        var statements = SynthesizedEnvironment.Resources(json, "AWS::IAM::Policy").Values
            .SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()).Select(s => s!).ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements.Where(s => (string?)s["Effect"] == "Allow").SelectMany(ServiceStackTests.Actions), action =>
        {
            Assert.NotEqual("*", action);
            Assert.DoesNotMatch("^[a-z0-9-]+:\\*$", action);
        });
        Assert.All(statements, s => Assert.Null(s["NotAction"]));
        Assert.All(SynthesizedEnvironment.Resources(json, "AWS::IAM::Role").Values, role => Assert.Null(role["Properties"]!["ManagedPolicyArns"]));
    }

    [Fact]
    public void Approval_topic_is_encrypted_with_a_rotated_key_and_emails_the_approvers()
    {
        var pipeline = synthesis.Pipeline;
        var key = ServiceStackTests.LogicalId(pipeline.Json, "AWS::KMS::Key");
        pipeline.Template.HasResourceProperties("AWS::SNS::Topic", Like(("KmsMasterKeyId", O(("Fn::GetAtt", A(key, "Arn"))))));
        pipeline.Template.HasResourceProperties("AWS::KMS::Key", Like(("EnableKeyRotation", true)));
        var emails = SynthesizedEnvironment.Resources(pipeline.Json, "AWS::SNS::Subscription").Values
            .Select(s => s["Properties"]!)
            .Where(s => (string?)s["Protocol"] == "email")
            .Select(s => (string)s["Endpoint"]!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(TestPipelines.Approvers, emails);
        pipeline.Template.HasResourceProperties("AWS::SNS::TopicPolicy", Like(("PolicyDocument", Like(("Statement", With(Like(
            ("Effect", "Deny"),
            ("Action", "sns:Publish"),
            ("Condition", O(("Bool", O(("aws:SecureTransport", "false"))))))))))));
        // The approval action's role may publish through the key, as an encrypted topic needs.
        var approval = ServiceStackTests.PolicyStatementsOf(pipeline.Json, "ApprovalRole");
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*", "sns:Publish"], approval.SelectMany(ServiceStackTests.Actions).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Webhook_is_authenticated_with_github_hmac_and_no_secret_is_written_in_the_template()
    {
        var pipeline = synthesis.Pipeline;
        var reference = "{{resolve:secretsmanager:fargo/todo-api/github-token:SecretString:::}}";
        pipeline.Template.HasResourceProperties("AWS::CodePipeline::Webhook", Like(
            ("Authentication", "GITHUB_HMAC"),
            ("AuthenticationConfiguration", O(("SecretToken", reference))),
            ("Filters", A(O(("JsonPath", "$.ref"), ("MatchEquals", "refs/heads/{Branch}")))),
            ("RegisterWithThirdParty", true)));
        var source = Assert.Single(Stages(pipeline)[0]["Actions"]!.AsArray())!;
        Assert.Equal("GitHub", (string?)source["ActionTypeId"]!["Provider"]);
        Assert.Equal(
            """{"Owner":"acme","Repo":"todo-api","Branch":"main","OAuthToken":"{{resolve:secretsmanager:fargo/todo-api/github-token:SecretString:::}}","PollForSourceChanges":false}""",
            source["Configuration"]!.ToJsonString());
        // The secret is only ever a dynamic reference: no parameter or literal carries a token.
        Assert.Null(pipeline.Json["Parameters"]);
        Assert.Empty(SynthesizedEnvironment.Resources(pipeline.Json, "AWS::SecretsManager::Secret"));
    }

    [Fact]
    public void Connection_source_reads_github_through_the_codestar_connection_without_a_webhook()
    {
        var pipeline = synthesis.ConnectionPipeline;
        pipeline.Template.ResourceCountIs("AWS::CodePipeline::Webhook", 0);
        var source = Assert.Single(Stages(pipeline)[0]["Actions"]!.AsArray())!;
        Assert.Equal("CodeStarSourceConnection", (string?)source["ActionTypeId"]!["Provider"]);
        Assert.Equal(TestPipelines.ConnectionArn, (string?)source["Configuration"]!["ConnectionArn"]);
        Assert.Equal("acme/todo-api", (string?)source["Configuration"]!["FullRepositoryId"]);
        Assert.Equal("main", (string?)source["Configuration"]!["BranchName"]);
        var useConnection = SynthesizedEnvironment.Resources(pipeline.Json, "AWS::IAM::Policy").Values
            .SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Single(s => ServiceStackTests.Actions(s!).Contains("codestar-connections:UseConnection"))!;
        Assert.Equal(TestPipelines.ConnectionArn, (string?)useConnection["Resource"]);
        // Without [pipeline] test there is no test run and no test variable.
        Assert.DoesNotContain("--test", string.Join('\n', PipelineCommands.FirstStage(pipeline.Pipeline)), StringComparison.Ordinal);
    }

    [Fact]
    public void Artifacts_bucket_is_encrypted_versioned_private_and_tls_only()
    {
        var pipeline = synthesis.Pipeline;
        pipeline.Template.HasResourceProperties("AWS::S3::Bucket", Like(
            ("BucketEncryption", O(("ServerSideEncryptionConfiguration", A(O(("ServerSideEncryptionByDefault", O(("SSEAlgorithm", "aws:kms")))))))),
            ("VersioningConfiguration", O(("Status", "Enabled"))),
            ("PublicAccessBlockConfiguration", O(("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", true)))));
        pipeline.Template.HasResourceProperties("AWS::S3::BucketPolicy", Like(("PolicyDocument", Like(("Statement", With(Like(
            ("Effect", "Deny"),
            ("Condition", O(("Bool", O(("aws:SecureTransport", "false"))))))))))));
        var bucket = ServiceStackTests.LogicalId(pipeline.Json, "AWS::S3::Bucket");
        pipeline.Template.HasResourceProperties("AWS::CodePipeline::Pipeline", Like(
            ("Name", "fargo-todo-api"),
            ("PipelineType", "V2"),
            ("ArtifactStore", O(("Location", O(("Ref", bucket))), ("Type", "S3")))));
    }

    private static List<JsonNode> Stages(SynthesizedSingleStack pipeline) =>
        [.. Assert.Single(SynthesizedEnvironment.Resources(pipeline.Json, "AWS::CodePipeline::Pipeline")).Value["Properties"]!["Stages"]!.AsArray().Select(s => s!)];

    private string ProjectId(string prefix) => ServiceStackTests.LogicalId(synthesis.Pipeline.Json, "AWS::CodeBuild::Project", prefix);

    private string BuildSpecOf(string prefix) =>
        (string)synthesis.Pipeline.Json["Resources"]![ProjectId(prefix)]!["Properties"]!["Source"]!["BuildSpec"]!;

    private List<string> CommandsOf(string prefix) =>
        [.. JsonNode.Parse(BuildSpecOf(prefix))!["phases"]!["build"]!["commands"]!.AsArray().Select(c => (string)c!)];

    private JsonNode Role(string prefix) =>
        synthesis.Pipeline.Json["Resources"]![ServiceStackTests.LogicalId(synthesis.Pipeline.Json, "AWS::IAM::Role", prefix)]!["Properties"]!;
}
