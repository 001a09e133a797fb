using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// [iam] path and permissions_boundary: the example's prod sets them, so every role of prod's templates — those Fargo
/// names and those the CDK adds — carries both; qa sets none, and its roles carry neither.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class RoleGuardRailsTests(SynthesisFixture synthesis)
{
    private const string Path = "/delegatedadmin/developer/";
    private const string Boundary = "arn:aws:iam::222222222222:policy/DeveloperBoundary";

    [Fact]
    public void Every_role_of_prod_lives_under_the_path_with_the_boundary()
    {
        var prod = synthesis.Prod;
        Assert.Equal(Path, prod.Settings.Iam.Path);
        var templates = new[] { prod.EnvironmentJson, prod.ServiceJson, synthesis.ProdAccess.Json };

        var roles = templates.SelectMany(t => SynthesizedEnvironment.Resources(t, "AWS::IAM::Role")).ToList();

        // The task, execution and deploy roles Fargo names, and any the CDK adds (RDS's monitoring role among them).
        Assert.All(new[] { "TaskRole", "ExecutionRole", "DeployRole", "DatabaseMonitoringRole" }, prefix => Assert.Contains(roles, r => r.Key.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.All(roles, role =>
        {
            Assert.Equal(Path, (string?)role.Value["Properties"]!["Path"]);
            Assert.Equal(Boundary, (string?)role.Value["Properties"]!["PermissionsBoundary"]);
        });
    }

    [Fact]
    public void Qa_roles_keep_the_default_path_and_no_boundary()
    {
        var roles = new[] { synthesis.Qa.EnvironmentJson, synthesis.Qa.ServiceJson }.SelectMany(t => SynthesizedEnvironment.Resources(t, "AWS::IAM::Role")).ToList();

        Assert.NotEmpty(roles);
        Assert.All(roles, role =>
        {
            Assert.Null(role.Value["Properties"]!["Path"]);
            Assert.Null(role.Value["Properties"]!["PermissionsBoundary"]);
        });
    }

    [Fact]
    public void Deploy_may_pass_the_task_roles_by_their_ARNs_under_the_path()
    {
        var policy = synthesis.ProdAccess.Assembly.Template;

        Assert.Contains($"arn:aws:iam::222222222222:role{Path}todo-api-prod-task", File.ReadAllText(policy), StringComparison.Ordinal);
    }
}
