using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// Requests signed with a task role's credentials are authorized by the role's policies from the templates, as on AWS:
/// app code (boto3, no keys of its own) reads its bucket through its role, and gets AWS's AccessDenied /
/// AccessDeniedException with AWS's message when the role, its permissions boundary or an explicit deny says no; a
/// bucket policy grants on its own; ECS's extra checks (ecs:TagResource for tags on create, iam:PassRole) apply.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class RoleAuthorizationTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Account = "000000000000";

    // Each attempt prints one line: its label, then "ok" and the result, or the error code and message AWS answered.
    private const string Attempts = """
        import boto3, botocore, json, os
        s3, ssm, ecs = boto3.client('s3'), boto3.client('ssm'), boto3.client('ecs')
        def attempt(label, call):
            try:
                print(label, 'ok', call())
            except botocore.exceptions.ClientError as e:
                print(label, e.response['Error']['Code'], e.response['Error']['Message'])

        """;

    internal const string Template = """
        Resources:
          Data:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: iam-data
          DataPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Data
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: !GetAtt Outsider.Arn }
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::iam-data/shared/*
                  # As CDK's enforceSSL writes it for Fargo's data bucket: the local region stands in for TLS endpoints.
                  - Effect: Deny
                    Principal: { AWS: "*" }
                    Action: "s3:*"
                    Resource: [arn:aws:s3:::iam-data, arn:aws:s3:::iam-data/*]
                    Condition: { Bool: { "aws:SecureTransport": "false" } }
          Boundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: iam-tests-boundary
              PolicyDocument:
                Statement: [{ Effect: Allow, Action: "s3:*", Resource: "*" }]
          ReadData:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              ManagedPolicyName: iam-tests-read-data
              PolicyDocument:
                Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::iam-data/* }]
          Reader:
            Type: AWS::IAM::Role
            Properties:
              RoleName: iam-reader
              Path: /app/
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
              ManagedPolicyArns: [!Ref ReadData]
              PermissionsBoundary: !Ref Boundary
          ReaderPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: reader-extras
              Roles: [!Ref Reader]
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: ssm:GetParameter, Resource: !Sub "arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/iam/*" }
                  - { Effect: Deny, Action: s3:GetObject, Resource: arn:aws:s3:::iam-data/private/* }
          Outsider:
            Type: AWS::IAM::Role
            Properties:
              RoleName: iam-outsider
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
              Policies:
                - PolicyName: list
                  PolicyDocument:
                    Statement: [{ Effect: Allow, Action: s3:ListBucket, Resource: arn:aws:s3:::iam-data }]
          Deployer:
            Type: AWS::IAM::Role
            Properties:
              RoleName: iam-deployer
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
              Policies:
                - PolicyName: register
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: ecs:RegisterTaskDefinition, Resource: "*" }
                      - Effect: Allow
                        Action: ecs:TagResource
                        Resource: "*"
                        Condition: { StringEquals: { "ecs:CreateAction": RegisterTaskDefinition } }
          DatabasePassword:
            Type: AWS::SecretsManager::Secret
            Properties:
              Name: iam-database-password
              SecretString: s3cr3t-value
          PlainExecution:
            Type: AWS::IAM::Role
            Properties:
              RoleName: iam-execution-plain
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
              ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
          SecretExecution:
            Type: AWS::IAM::Role
            Properties:
              RoleName: iam-execution-secrets
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
              ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
              Policies:
                - PolicyName: read-secret
                  PolicyDocument:
                    Statement: [{ Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !Ref DatabasePassword }]
        Outputs:
          SecretArn:
            Value: !Ref DatabasePassword
        """;

    [Fact]
    public async Task A_task_reads_its_bucket_through_its_role_and_gets_AWS_s_denials_where_its_policies_say_no()
    {
        await RoleTasks.DeployAsync(engine, "iam-roles", Template);
        await Seed("report.txt", "quarterly numbers");
        await Seed("private/pay.txt", "salaries");
        await Seed("shared/note.txt", "for everyone");
        Assert.Equal(0, (await engine.AwsAsync("ssm", "put-parameter", "--name", "/iam/flag", "--value", "on", "--type", "String")).ExitCode);
        await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("iam-app", engine.TestServiceImage, "v1", "/test/iam-app"));

        var reader = await RoleTasks.RunPythonAsync(engine, "iam-app", $"arn:aws:iam::{Account}:role/app/iam-reader", Attempts + """
            attempt('reader-read', lambda: s3.get_object(Bucket='iam-data', Key='report.txt')['Body'].read().decode())
            attempt('reader-private', lambda: s3.get_object(Bucket='iam-data', Key='private/pay.txt')['Body'].read().decode())
            attempt('reader-parameter', lambda: ssm.get_parameter(Name='/iam/flag')['Parameter']['Value'])
            """);
        var outsider = await RoleTasks.RunPythonAsync(engine, "iam-app", $"arn:aws:iam::{Account}:role/iam-outsider", Attempts + """
            attempt('outsider-read', lambda: s3.get_object(Bucket='iam-data', Key='report.txt')['Body'].read().decode())
            attempt('outsider-list', lambda: [o['Key'] for o in s3.list_objects_v2(Bucket='iam-data')['Contents']])
            attempt('outsider-shared', lambda: s3.get_object(Bucket='iam-data', Key='shared/note.txt')['Body'].read().decode())
            """);

        var readerSession = $"arn:aws:sts::{Account}:assumed-role/iam-reader/{RoleTasks.TaskId(reader)}";
        var outsiderSession = $"arn:aws:sts::{Account}:assumed-role/iam-outsider/{RoleTasks.TaskId(outsider)}";
        var lines = await RoleTasks.LogsAsync(engine, "/test/iam-app", "reader") + "\n" + await RoleTasks.LogsAsync(engine, "/test/iam-app", "outsider");
        Assert.Contains("reader-read ok quarterly numbers", lines, StringComparison.Ordinal);
        Assert.Contains(
            $"reader-private AccessDenied User: {readerSession} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::iam-data/private/pay.txt\" with an explicit deny in an identity-based policy",
            lines,
            StringComparison.Ordinal);
        Assert.Contains(
            $"reader-parameter AccessDeniedException User: {readerSession} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:local:{Account}:parameter/iam/flag because no permissions boundary allows the ssm:GetParameter action",
            lines,
            StringComparison.Ordinal);
        Assert.Contains(
            $"outsider-read AccessDenied User: {outsiderSession} is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::iam-data/report.txt\" because no identity-based policy allows the s3:GetObject action",
            lines,
            StringComparison.Ordinal);
        Assert.Contains("outsider-list ok ['private/pay.txt', 'report.txt', 'shared/note.txt']", lines, StringComparison.Ordinal);
        Assert.Contains("outsider-shared ok for everyone", lines, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_task_definition_with_tags_and_a_role_needs_ecs_TagResource_and_iam_PassRole()
    {
        await RoleTasks.DeployAsync(engine, "iam-roles", Template);
        await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("iam-deploy", engine.TestServiceImage, "v1", "/test/iam-deploy"));

        var deployer = await RoleTasks.RunPythonAsync(engine, "iam-deploy", $"arn:aws:iam::{Account}:role/iam-deployer", Attempts + """
            definition = dict(family='iam-probe', containerDefinitions=[dict(name='web', image='busybox', memory=64)])
            attempt('deployer-tagged', lambda: ecs.register_task_definition(**definition, tags=[dict(key='team', value='a')])['taskDefinition']['revision'])
            attempt('deployer-untagged', lambda: ecs.register_task_definition(**definition)['taskDefinition']['revision'])
            attempt('deployer-role', lambda: ecs.register_task_definition(**definition, taskRoleArn='arn:aws:iam::000000000000:role/app/iam-reader'))
            attempt('deployer-other-tags', lambda: ecs.tag_resource(resourceArn='arn:aws:ecs:local:000000000000:task-definition/iam-probe:1', tags=[dict(key='x', value='y')]))
            """);

        var session = $"arn:aws:sts::{Account}:assumed-role/iam-deployer/{RoleTasks.TaskId(deployer)}";
        var lines = await RoleTasks.LogsAsync(engine, "/test/iam-deploy", "deployer");
        Assert.Contains("deployer-tagged ok 1", lines, StringComparison.Ordinal);
        Assert.Contains("deployer-untagged ok 2", lines, StringComparison.Ordinal);
        Assert.Contains(
            $"deployer-role AccessDeniedException User: {session} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::{Account}:role/app/iam-reader because no identity-based policy allows the iam:PassRole action",
            lines,
            StringComparison.Ordinal);
        Assert.Contains(
            $"deployer-other-tags AccessDeniedException User: {session} is not authorized to perform: ecs:TagResource on resource: arn:aws:ecs:local:{Account}:task-definition/iam-probe:1 because no identity-based policy allows the ecs:TagResource action",
            lines,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_whose_execution_role_may_not_read_its_secret_does_not_start_and_says_why()
    {
        await RoleTasks.DeployAsync(engine, "iam-roles", Template);
        var described = await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "iam-roles");
        var secretArn = described.Json().GetProperty("Stacks")[0].GetProperty("Outputs").EnumerateArray()
            .Single(o => o.GetProperty("OutputKey").GetString() == "SecretArn").GetProperty("OutputValue").GetString()!;
        var basic = TestService.TaskDefinition("iam-secretive", engine.TestServiceImage, "v1", "/test/iam-secretive");
        foreach (var (family, role) in new[] { ("iam-secretive-plain", "iam-execution-plain"), ("iam-secretive-allowed", "iam-execution-secrets") })
        {
            await engine.Ecs.RegisterTaskDefinitionAsync(basic with
            {
                Family = family,
                ExecutionRoleArn = $"arn:aws:iam::{Account}:role/{role}",
                ContainerDefinitions = [basic.ContainerDefinitions![0] with { Secrets = [new Fargo.Aws.Ecs.Secret { Name = "DB_PASSWORD", ValueFrom = secretArn }] }],
            });
        }

        const string PrintSecret = "import os; print('secret-length', len(os.environ['DB_PASSWORD']))";
        var refused = await RoleTasks.RunPythonAsync(engine, "iam-secretive-plain", null, PrintSecret);
        var allowed = await RoleTasks.RunPythonAsync(engine, "iam-secretive-allowed", null, PrintSecret);

        Assert.Equal(
            "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: "
            + $"service call has been retried 1 time(s): failed to fetch secret {secretArn} from secrets manager: AccessDeniedException: "
            + $"User: arn:aws:sts::{Account}:assumed-role/iam-execution-plain/{RoleTasks.TaskId(refused)} is not authorized to perform: secretsmanager:GetSecretValue "
            + $"on resource: {secretArn} because no identity-based policy allows the secretsmanager:GetSecretValue action",
            refused.StoppedReason);
        Assert.Null(refused.Containers![0].ExitCode);
        Assert.Equal(0, allowed.Containers![0].ExitCode);
        Assert.Contains("secret-length 12", await RoleTasks.LogsAsync(engine, "/test/iam-secretive", "secret"), StringComparison.Ordinal);
    }

    private async Task Seed(string key, string content)
    {
        var file = Path.Combine(engine.WorkDirectory, "seed.txt");
        await File.WriteAllTextAsync(file, content);
        var copied = await engine.AwsAsync("s3", "cp", file, $"s3://iam-data/{key}");
        Assert.True(copied.ExitCode == 0, copied.ToString());
    }
}
