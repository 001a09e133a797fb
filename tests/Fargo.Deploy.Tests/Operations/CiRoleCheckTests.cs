using System.Runtime.CompilerServices;
using Fargo.Aws;
using Fargo.Aws.Iam;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Operations;

namespace Fargo.Deploy.Tests.Operations;

/// <summary>`fargo verify`'s "roles" check over a simulated IAM: what it asks, and how it reports what IAM answers.</summary>
public sealed class CiRoleCheckTests
{
    private const string DeployRole = "arn:aws:iam::222222222222:role/todo-api-prod-deploy";
    private const string TaskDefinitions = "arn:aws:ecs:us-east-1:222222222222:task-definition/todo-api:*";
    private const string Service = "arn:aws:ecs:us-east-1:222222222222:service/fargo-prod/todo-api";

    private static readonly CiRole Deploy = new("deploy role", DeployRole,
    [
        new RequiredGrant(["ecs:DescribeServices", "ecs:UpdateService"], [Service]),
        new RequiredGrant(["ecs:TagResource"], [TaskDefinitions], new RequiredContext("ecs:CreateAction", "RegisterTaskDefinition")),
    ]);

    [Fact]
    public async Task Each_grant_is_one_simulation_of_its_actions_on_its_resources_with_its_condition_as_context()
    {
        var iam = new FakeIam(request => Allowed(request));

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.Of(Deploy), CancellationToken.None);

        Assert.Equal((CheckStatus.Passed, "all 3 (action, resource) pairs the pipeline needs are allowed for the deploy role"), (check.Status, check.Detail));
        Assert.Equal(2, iam.Requests.Count);
        var (service, tagging) = (iam.Requests[0], iam.Requests[1]);
        Assert.Equal(DeployRole, service.PolicySourceArn);
        Assert.Equal(["ecs:DescribeServices", "ecs:UpdateService"], service.ActionNames);
        Assert.Equal([Service], service.ResourceArns!);
        Assert.Null(service.ContextEntries);
        var context = Assert.Single(tagging.ContextEntries!);
        Assert.Equal(("ecs:CreateAction", "RegisterTaskDefinition", ContextKeyType.String), (context.ContextKeyName, Assert.Single(context.ContextKeyValues!), context.ContextKeyType));
    }

    [Fact]
    public async Task Each_action_IAM_does_not_allow_is_named_with_its_resource()
    {
        var iam = new FakeIam(request => request.ActionNames.Contains("ecs:TagResource")
            ? [Result("ecs:TagResource", TaskDefinitions, PolicyEvaluationDecisionType.ImplicitDeny)]
            : [Result("ecs:DescribeServices", Service, PolicyEvaluationDecisionType.Allowed), Result("ecs:UpdateService", Service, PolicyEvaluationDecisionType.ExplicitDeny)]);

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.Of(Deploy), CancellationToken.None);

        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Equal($"the deploy role ({DeployRole}) may not: ecs:UpdateService on {Service} (explicitly denied), ecs:TagResource on {TaskDefinitions}", check.Detail);
    }

    [Fact]
    public async Task Per_resource_answers_name_the_resource_that_is_denied()
    {
        var other = "arn:aws:ecs:us-east-1:222222222222:service/fargo-prod/other";
        var role = new CiRole("read role", DeployRole, [new RequiredGrant(["ecs:DescribeServices"], [Service, other])]);
        var iam = new FakeIam(_ =>
        [
            Result("ecs:DescribeServices", "*", PolicyEvaluationDecisionType.ImplicitDeny) with
            {
                ResourceSpecificResults =
                [
                    new ResourceSpecificResult { EvalResourceName = Service, EvalResourceDecision = PolicyEvaluationDecisionType.Allowed },
                    new ResourceSpecificResult { EvalResourceName = other, EvalResourceDecision = PolicyEvaluationDecisionType.ImplicitDeny },
                ],
            },
        ]);

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.Of(role), CancellationToken.None);

        Assert.Equal($"the read role ({DeployRole}) may not: ecs:DescribeServices on {other}", check.Detail);
    }

    [Fact]
    public async Task Per_resource_answers_count_each_resource_when_all_are_allowed()
    {
        var other = "arn:aws:ecs:us-east-1:222222222222:service/fargo-prod/other";
        var role = new CiRole("read role", DeployRole, [new RequiredGrant(["ecs:DescribeServices"], [Service, other])]);
        var iam = new FakeIam(_ =>
        [
            Result("ecs:DescribeServices", "*", PolicyEvaluationDecisionType.Allowed) with
            {
                ResourceSpecificResults =
                [
                    new ResourceSpecificResult { EvalResourceName = Service, EvalResourceDecision = PolicyEvaluationDecisionType.Allowed },
                    new ResourceSpecificResult { EvalResourceName = other, EvalResourceDecision = PolicyEvaluationDecisionType.Allowed },
                ],
            },
        ]);

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.Of(role), CancellationToken.None);

        Assert.Equal((CheckStatus.Passed, "all 2 (action, resource) pairs the pipeline needs are allowed for the read role"), (check.Status, check.Detail));
    }

    [Fact]
    public async Task A_caller_that_may_not_simulate_gets_not_checked_with_IAM_s_reason()
    {
        const string Message = "User: arn:aws:iam::222222222222:user/dev is not authorized to perform: iam:SimulatePrincipalPolicy on resource: " + DeployRole;
        var iam = new FakeIam(_ => throw new AwsServiceException("IAM", "SimulatePrincipalPolicy", "AccessDenied", Message, "r1", 403, AwsErrorFault.Sender));

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.Of(Deploy), CancellationToken.None);

        Assert.Equal((CheckStatus.NotChecked, $"the caller may not call iam:SimulatePrincipalPolicy on the deploy role ({DeployRole}): {Message}"), (check.Status, check.Detail));
    }

    [Fact]
    public async Task A_role_IAM_does_not_have_fails_the_check()
    {
        var iam = new FakeIam(_ => throw new AwsServiceException("IAM", "SimulatePrincipalPolicy", "NoSuchEntity", "The role with name todo-api-prod-deploy cannot be found.", "r1", 404, AwsErrorFault.Sender));

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.Of(Deploy), CancellationToken.None);

        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.StartsWith($"the deploy role {DeployRole} could not be simulated (NoSuchEntity: The role with name todo-api-prod-deploy cannot be found.)", check.Detail, StringComparison.Ordinal);
        Assert.Single(iam.Requests);
    }

    [Fact]
    public async Task An_environment_without_CI_roles_is_not_checked_and_IAM_is_not_called()
    {
        var iam = new FakeIam(_ => throw new InvalidOperationException("IAM must not be called"));

        var check = await CiRoleCheck.RunAsync(iam, CiRoles.None("no CI roles to check: local is not a stage of [pipeline]"), CancellationToken.None);

        Assert.Equal((CheckStatus.NotChecked, "no CI roles to check: local is not a stage of [pipeline]"), (check.Status, check.Detail));
    }

    private static IReadOnlyList<EvaluationResult> Allowed(SimulatePrincipalPolicyRequest request) =>
        [.. request.ActionNames.SelectMany(action => request.ResourceArns!.Select(resource => Result(action, resource, PolicyEvaluationDecisionType.Allowed)))];

    private static EvaluationResult Result(string action, string resource, PolicyEvaluationDecisionType decision) =>
        new() { EvalActionName = action, EvalResourceName = resource, EvalDecision = decision };

    private sealed class FakeIam(Func<SimulatePrincipalPolicyRequest, IReadOnlyList<EvaluationResult>> answer) : IIamApi
    {
        public List<SimulatePrincipalPolicyRequest> Requests { get; } = [];

        public async IAsyncEnumerable<SimulatePrincipalPolicyResponse> SimulatePrincipalPolicyPagesAsync(
            SimulatePrincipalPolicyRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Requests.Add(request);
            await Task.Yield();
            yield return new SimulatePrincipalPolicyResponse { EvaluationResults = answer(request), IsTruncated = false };
        }
    }
}
