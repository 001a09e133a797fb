using System.Text.Json.Nodes;
using Fargo.Local.Iam;
using Fargo.Tests;

namespace Fargo.Local.Tests.Iam;

/// <summary>The evaluator on what a user of the local region would hit: Fargo's own roles, boundaries, denies, resource policies.</summary>
public sealed class PolicyEvaluatorTests
{
    private const string Account = "222222222222";
    private const string DeploySession = $"arn:aws:sts::{Account}:assumed-role/todo-api-prod-deploy/github-actions";
    private const string TaskDefinition = $"arn:aws:ecs:us-east-1:{Account}:task-definition/todo-api-prod:7";

    [Fact]
    public void Deploy_role_registers_task_definitions_and_tags_them_only_through_its_tag_on_create_statement()
    {
        var deployPolicy = DeployRolePolicyFromSynthesizedTemplate();
        var registering = RequestContext.Empty.With("ecs:CreateAction", "RegisterTaskDefinition");

        Assert.True(Evaluate([deployPolicy], Request("ecs:RegisterTaskDefinition", TaskDefinition)).IsAllowed);
        var tagOnCreate = Evaluate([deployPolicy], Request("ecs:TagResource", TaskDefinition, registering));
        Assert.True(tagOnCreate.IsAllowed);
        Assert.Equal("TagTaskDefinitionsOnRegister", tagOnCreate.DecidingStatement?.Statement);
        // Tagging outside a RegisterTaskDefinition call is not what the statement grants.
        Assert.Equal(DecisionOutcome.ImplicitlyDenied, Evaluate([deployPolicy], Request("ecs:TagResource", TaskDefinition)).Outcome);

        var withoutTagStatement = Without(deployPolicy, "TagTaskDefinitionsOnRegister");
        var request = Request("ecs:TagResource", TaskDefinition, registering);
        var denied = Evaluate([withoutTagStatement], request);
        Assert.Equal(DecisionOutcome.ImplicitlyDenied, denied.Outcome);
        Assert.Equal(
            $"User: {DeploySession} is not authorized to perform: ecs:TagResource on resource: {TaskDefinition} because no identity-based policy allows the ecs:TagResource action",
            denied.AccessDeniedMessage(request));
    }

    [Fact]
    public void Permissions_boundary_caps_an_administrator_policy()
    {
        var admin = Policy("admin", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
        var boundary = Policy("ecs-only", """{"Version": "2012-10-17", "Statement": [{"Sid": "EcsOnly", "Effect": "Allow", "Action": ["ecs:*", "logs:*"], "Resource": "*"}]}""");
        var policies = new PolicySet([admin], boundary);

        Assert.True(PolicyEvaluator.Evaluate(policies, Request("ecs:UpdateService", $"arn:aws:ecs:us-east-1:{Account}:service/prod/web")).IsAllowed);
        var createRole = Request("iam:CreateRole", $"arn:aws:iam::{Account}:role/escalated");
        var denied = PolicyEvaluator.Evaluate(policies, createRole);
        Assert.Equal(DecisionOutcome.ImplicitlyDenied, denied.Outcome);
        Assert.EndsWith("because no permissions boundary allows the iam:CreateRole action", denied.AccessDeniedMessage(createRole), StringComparison.Ordinal);
        Assert.True(Evaluate([admin], createRole).IsAllowed);
    }

    [Fact]
    public void Explicit_deny_wins_over_any_allow()
    {
        var admin = Policy("admin", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
        var noProdSecrets = Policy("no-prod-secrets", """
            {"Version": "2012-10-17", "Statement": [{"Sid": "NoProdSecrets", "Effect": "Deny", "Action": "secretsmanager:Get*",
              "Resource": "arn:aws:secretsmanager:*:*:secret:prod/*"}]}
            """);
        var prodSecret = Request("secretsmanager:GetSecretValue", $"arn:aws:secretsmanager:us-east-1:{Account}:secret:prod/db-AbCdEf");

        var denied = Evaluate([admin, noProdSecrets], prodSecret);
        Assert.Equal(DecisionOutcome.ExplicitlyDenied, denied.Outcome);
        Assert.Equal(new StatementReference(PolicyKind.IdentityBased, "no-prod-secrets", "NoProdSecrets"), denied.DecidingStatement);
        Assert.EndsWith("with an explicit deny in an identity-based policy", denied.AccessDeniedMessage(prodSecret), StringComparison.Ordinal);
        Assert.True(Evaluate([admin, noProdSecrets], Request("secretsmanager:GetSecretValue", $"arn:aws:secretsmanager:us-east-1:{Account}:secret:qa/db-AbCdEf")).IsAllowed);
    }

    [Fact]
    public void Unknown_condition_operator_never_allows_and_is_named()
    {
        var allowWithTypo = Policy("typo", """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecs:UpdateService", "Resource": "*",
              "Condition": {"StringEqualz": {"aws:PrincipalTag/team": "web"}}}}
            """);
        var request = Request("ecs:UpdateService", $"arn:aws:ecs:us-east-1:{Account}:service/prod/web", RequestContext.Empty.With("aws:PrincipalTag/team", "web"));

        var denied = Evaluate([allowWithTypo], request);
        Assert.Equal(DecisionOutcome.ImplicitlyDenied, denied.Outcome);
        Assert.Equal(["StringEqualz"], denied.UnknownOperators);
        Assert.Contains("unsupported condition operator: StringEqualz", denied.AccessDeniedMessage(request), StringComparison.Ordinal);

        // In a Deny the unknown operator keeps the deny: dropping it would turn the admin policy's allow into a silent allow.
        var admin = Policy("admin", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
        var denyWithTypo = Policy("deny-typo", """
            {"Version": "2012-10-17", "Statement": {"Sid": "Freeze", "Effect": "Deny", "Action": "ecs:*", "Resource": "*",
              "Condition": {"DateGreaterThanOrEquals": {"aws:CurrentTime": "2024-12-20T00:00:00Z"}}}}
            """);
        var frozen = Evaluate([admin, denyWithTypo], request);
        Assert.Equal(DecisionOutcome.ExplicitlyDenied, frozen.Outcome);
        Assert.Equal(["DateGreaterThanOrEquals"], frozen.UnknownOperators);
    }

    [Fact]
    public void Resource_policy_naming_the_session_passes_the_boundary_but_naming_the_role_or_account_does_not()
    {
        var bucketObject = "arn:aws:s3:::todo-api-data/report.csv";
        var boundary = Policy("ecs-only", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}}""");
        var s3Read = Policy("s3-read", """{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}""");
        PolicySet WithBucketPolicy(string principal, params NamedPolicy[] identity) => new(identity, boundary, Policy("bucket", $$$"""
            {"Version": "2012-10-17", "Statement": {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "{{{principal}}}"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::todo-api-data/*"}}
            """));
        var read = Request("s3:GetObject", bucketObject);

        var direct = PolicyEvaluator.Evaluate(WithBucketPolicy(DeploySession), read);
        Assert.True(direct.IsAllowed);
        Assert.Equal(PolicyKind.ResourceBased, direct.DecidingStatement?.Kind);
        var role = PolicyEvaluator.Evaluate(WithBucketPolicy($"arn:aws:iam::{Account}:role/path/todo-api-prod-deploy"), read);
        Assert.EndsWith("because no permissions boundary allows the s3:GetObject action", role.AccessDeniedMessage(read), StringComparison.Ordinal);
        // Naming the account hands the decision to the identity-based policies, which allow nothing here.
        Assert.Equal(DecisionOutcome.ImplicitlyDenied, PolicyEvaluator.Evaluate(WithBucketPolicy($"arn:aws:iam::{Account}:root"), read).Outcome);
        Assert.Equal(DecisionOutcome.ImplicitlyDenied, PolicyEvaluator.Evaluate(WithBucketPolicy($"arn:aws:iam::{Account}:root", s3Read), read).Outcome);
        Assert.True(PolicyEvaluator.Evaluate(new PolicySet([s3Read], ResourcePolicy: WithBucketPolicy($"arn:aws:iam::{Account}:root").ResourcePolicy), read).IsAllowed);
    }

    [Fact]
    public void Policy_variables_and_wildcards_follow_aws_matching_rules()
    {
        var ownFolder = Policy("own-folder", """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "S3:getobject", "Resource": "arn:aws:s3:::data/${aws:username}/*"},
              {"Effect": "Allow", "Action": "ecs:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}]}
            """);
        var alice = RequestContext.Empty.With("aws:username", "alice").With("aws:SourceIp", "198.51.100.7");

        Assert.True(Evaluate([ownFolder], Request("s3:GetObject", "arn:aws:s3:::data/alice/notes.txt", alice)).IsAllowed);
        Assert.False(Evaluate([ownFolder], Request("s3:GetObject", "arn:aws:s3:::data/bob/notes.txt", alice)).IsAllowed);
        // Resources are case-sensitive; actions are not.
        Assert.False(Evaluate([ownFolder], Request("s3:GetObject", "arn:aws:s3:::data/Alice/notes.txt", alice)).IsAllowed);
        // No username in the context: the variable has no value and the statement matches nothing.
        Assert.False(Evaluate([ownFolder], Request("s3:GetObject", "arn:aws:s3:::data/${aws:username}/notes.txt")).IsAllowed);
        // 0.0.0.0/0 is every IPv4 address.
        Assert.True(Evaluate([ownFolder], Request("ecs:ListTasks", "*", alice)).IsAllowed);
    }

    [Theory]
    [InlineData("""{"Version": "2012-10-17", "Statement": {"Action": "s3:*", "Resource": "*"}}""", "has no Effect")]
    [InlineData("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Get*", "Resource": "*"}}""", "exactly one of Action and NotAction")]
    [InlineData("""{"Version": "2012-10-16", "Statement": []}""", "Version must be")]
    [InlineData("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3", "Resource": "*"}}""", "invalid action \"s3\"")]
    [InlineData("""{"Version": "2012-10-17", "Statement": {"Effect": "Permit", "Action": "s3:*", "Resource": "*"}}""", "Effect must be \"Allow\" or \"Deny\"")]
    [InlineData("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": "x"}}}""", "must map condition keys to values")]
    [InlineData("""{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",}""", "not valid JSON")]
    public void Malformed_documents_are_refused_with_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<MalformedPolicyException>(() => PolicyDocument.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static NamedPolicy DeployRolePolicyFromSynthesizedTemplate()
    {
        var template = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(
            "tests", "Fargo.Infrastructure.Tests", "Snapshots", "prod-access", "fargo-prod-todo-api-deploy-access.template.json")))!;
        var policy = template["Resources"]!.AsObject().Single(resource => resource.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Policy");
        return new NamedPolicy(policy.Key, PolicyDocument.Parse(policy.Value!["Properties"]!["PolicyDocument"]!.ToJsonString()));
    }

    private static NamedPolicy Without(NamedPolicy policy, string sid) =>
        policy with { Document = policy.Document with { Statements = [.. policy.Document.Statements.Where(s => s.Sid != sid)] } };

    private static NamedPolicy Policy(string name, string json) => new(name, PolicyDocument.Parse(json));

    private static AuthorizationDecision Evaluate(IReadOnlyList<NamedPolicy> identity, AuthorizationRequest request) =>
        PolicyEvaluator.Evaluate(new PolicySet(identity), request);

    private static AuthorizationRequest Request(string action, string resource, RequestContext? context = null) =>
        new(DeploySession, action, resource, context ?? RequestContext.Empty);
}
