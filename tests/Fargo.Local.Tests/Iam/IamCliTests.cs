using System.Text.Json;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// IAM's inspection calls through the official AWS CLI on the roles and policies a template made: the role with its
/// path, trust policy and boundary, its inline and attached policies, an AWS-managed policy's real document, and
/// SimulatePrincipalPolicy's verdicts from the same evaluator the requests go through.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class IamCliTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Reader = "arn:aws:iam::000000000000:role/app/iam-reader";

    [Fact]
    public async Task The_CLI_reads_a_template_s_roles_and_policies_and_simulates_them()
    {
        await RoleTasks.DeployAsync(engine, "iam-roles", RoleAuthorizationTests.Template);

        var role = (await Aws("iam", "get-role", "--role-name", "iam-reader")).GetProperty("Role");
        Assert.Equal((Reader, "/app/"), (Text(role, "Arn"), Text(role, "Path")));
        Assert.Equal("arn:aws:iam::000000000000:policy/iam-tests-boundary", Text(role.GetProperty("PermissionsBoundary"), "PermissionsBoundaryArn"));
        Assert.Equal("ecs-tasks.amazonaws.com", Text(role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Principal"), "Service"));

        Assert.Equal(["reader-extras"], (await Aws("iam", "list-role-policies", "--role-name", "iam-reader")).GetProperty("PolicyNames").EnumerateArray().Select(n => n.GetString()));
        var inline = await Aws("iam", "get-role-policy", "--role-name", "iam-reader", "--policy-name", "reader-extras");
        Assert.Equal("Deny", Text(inline.GetProperty("PolicyDocument").GetProperty("Statement")[1], "Effect"));
        var attached = (await Aws("iam", "list-attached-role-policies", "--role-name", "iam-reader")).GetProperty("AttachedPolicies")[0];
        Assert.Equal(("iam-tests-read-data", "arn:aws:iam::000000000000:policy/iam-tests-read-data"), (Text(attached, "PolicyName"), Text(attached, "PolicyArn")));

        const string Managed = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
        var policy = (await Aws("iam", "get-policy", "--policy-arn", Managed)).GetProperty("Policy");
        Assert.Equal(("AmazonECSTaskExecutionRolePolicy", "/service-role/", "v1"), (Text(policy, "PolicyName"), Text(policy, "Path"), Text(policy, "DefaultVersionId")));
        var document = (await Aws("iam", "get-policy-version", "--policy-arn", Managed, "--version-id", "v1")).GetProperty("PolicyVersion").GetProperty("Document");
        Assert.Contains("ecr:GetAuthorizationToken", document.GetProperty("Statement")[0].GetProperty("Action").EnumerateArray().Select(a => a.GetString()));

        var verdicts = (await Aws("iam", "simulate-principal-policy", "--policy-source-arn", Reader, "--action-names", "s3:GetObject", "ssm:GetParameter",
                "--resource-arns", "arn:aws:s3:::iam-data/report.txt", "arn:aws:s3:::iam-data/private/pay.txt"))
            .GetProperty("EvaluationResults").EnumerateArray()
            .ToDictionary(r => $"{Text(r, "EvalActionName")} {Text(r, "EvalResourceName")}", r => Text(r, "EvalDecision"));
        Assert.Equal("allowed", verdicts["s3:GetObject arn:aws:s3:::iam-data/report.txt"]);
        Assert.Equal("explicitDeny", verdicts["s3:GetObject arn:aws:s3:::iam-data/private/pay.txt"]);
        Assert.Equal("implicitDeny", verdicts["ssm:GetParameter arn:aws:s3:::iam-data/report.txt"]);

        // Context entries stand for the request's context: the deployer may tag only while registering.
        async Task<string> TagResource(params string[] context) =>
            Text((await Aws(["iam", "simulate-principal-policy", "--policy-source-arn", "arn:aws:iam::000000000000:role/iam-deployer", "--action-names", "ecs:TagResource", .. context]))
                .GetProperty("EvaluationResults")[0], "EvalDecision");
        Assert.Equal("implicitDeny", await TagResource());
        Assert.Equal("allowed", await TagResource("--context-entries", "ContextKeyName=ecs:CreateAction,ContextKeyValues=RegisterTaskDefinition,ContextKeyType=string"));
        Assert.Equal("implicitDeny", await TagResource("--context-entries", "ContextKeyName=ecs:CreateAction,ContextKeyValues=CreateService,ContextKeyType=string"));

        var missing = await engine.AwsAsync("iam", "get-role", "--role-name", "no-such-role");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.True(
            missing.Error.Contains("(NoSuchEntity) when calling the GetRole operation", StringComparison.Ordinal)
            && missing.Error.Contains(": The role with name no-such-role cannot be found.", StringComparison.Ordinal),
            missing.Error);
    }

    private async Task<JsonElement> Aws(params string[] args)
    {
        var result = await engine.AwsAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
