using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[permissions]: statements by name and managed policies, merged per environment.</summary>
public sealed class PermissionConfigTests
{
    private const string File = """
        name = "api"
        port = 8080

        [permissions]
        managed_policies = ["arn:aws:iam::aws:policy/AmazonSESFullAccess"]

        [permissions.statements.SendOrders]
        actions = ["sqs:SendMessage", "sqs:GetQueueUrl"]
        resources = ["arn:aws:sqs:us-east-1:111111111111:orders-qa"]
        conditions = { StringEquals = { "aws:RequestedRegion" = "us-east-1" }, "ForAnyValue:StringLike" = { "aws:TagKeys" = ["team*", "app*"] } }

        [environments.qa]
        account = "111111111111"
        region = "us-east-1"

        [environments.prod]
        account = "222222222222"
        region = "us-east-1"
        permissions = { statements = { SendOrders = { resources = ["arn:aws:sqs:us-east-1:222222222222:orders"] } } }
        """;

    [Fact]
    public void Statements_and_managed_policies_are_read_as_written()
    {
        var permissions = Configs.Service(File).ForEnvironment("qa").Permissions;

        Assert.Equal(["arn:aws:iam::aws:policy/AmazonSESFullAccess"], permissions.ManagedPolicies);
        var statement = Assert.Single(permissions.Statements);
        Assert.Equal("SendOrders", statement.Sid);
        Assert.Equal(["sqs:SendMessage", "sqs:GetQueueUrl"], statement.Actions);
        Assert.Equal(["arn:aws:sqs:us-east-1:111111111111:orders-qa"], statement.Resources);
        Assert.Equal(["us-east-1"], statement.Conditions["StringEquals"]["aws:RequestedRegion"]);
        Assert.Equal(["team*", "app*"], statement.Conditions["ForAnyValue:StringLike"]["aws:TagKeys"]);
    }

    [Fact]
    public void An_environment_replaces_a_statement_s_keys_by_name()
    {
        var statement = Assert.Single(Configs.Service(File).ForEnvironment("prod").Permissions.Statements);

        Assert.Equal(["arn:aws:sqs:us-east-1:222222222222:orders"], statement.Resources);
        Assert.Equal(["sqs:SendMessage", "sqs:GetQueueUrl"], statement.Actions);
    }

    [Fact]
    public void Without_permissions_the_task_role_gets_nothing_more()
    {
        var permissions = Configs.Service(Configs.Minimal).ForEnvironment("local").Permissions;

        Assert.Empty(permissions.Statements);
        Assert.Empty(permissions.ManagedPolicies);
    }
}
