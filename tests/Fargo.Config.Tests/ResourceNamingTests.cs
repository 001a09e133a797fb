using Fargo.Config.Model;

namespace Fargo.Config.Tests;

public sealed class ResourceNamingTests
{
    [Fact]
    public void Names_follow_the_documented_scheme()
    {
        Assert.Equal(
            new ResourceNames(
                Cluster: "fargo-prod",
                Service: "todo-api",
                TaskFamily: "todo-api-prod",
                ContainerName: "todo-api",
                LogGroup: "/fargo/prod/todo-api",
                LogStreamPrefix: "todo-api",
                Repository: "todo-api",
                ExecutionRole: "todo-api-prod-execution",
                TaskRole: "todo-api-prod-task",
                DeployRole: "todo-api-prod-deploy",
                ReadRole: "todo-api-prod-read",
                TargetGroup: "todo-api-prod",
                LoadBalancer: "fargo-prod"),
            ResourceNaming.For("todo-api", "prod"));
    }

    [Fact]
    public void The_ci_roles_are_the_apps_and_every_service_of_an_app_names_the_same_ones()
    {
        var config = Assert.IsType<ServiceConfig>(new ConfigLoader().Parse("""
            name = "shop"
            port = 8080
            [services.web]
            [services.billing]
            kind = "worker"
            [environments.prod]
            account = "222222222222"
            region = "eu-west-1"
            """, "/src/shop/fargo.toml"));

        var services = config.ServicesIn("prod");

        Assert.All(services, service => Assert.Equal(("shop-prod-deploy", "shop-prod-read"), (service.Names.DeployRole, service.Names.ReadRole)));
        // Everything else stays the service's own.
        Assert.Equal(["billing-prod-execution", "web-prod-execution"], services.Select(s => s.Names.ExecutionRole).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Long_names_fit_aws_limits_and_stay_distinct_and_stable()
    {
        var service = new string('a', 32);
        var first = ResourceNaming.For(service, "production-eu-west");
        var second = ResourceNaming.For(service, "production-eu-east");

        Assert.All([first.TargetGroup, second.TargetGroup], name => Assert.Equal(ResourceNaming.ElbNameLimit, name.Length));
        Assert.NotEqual(first.TargetGroup, second.TargetGroup);
        Assert.Equal(first, ResourceNaming.For(service, "production-eu-west"));
        Assert.StartsWith("aaaaaaaaaaaaaaaaaaaaaaa-", first.TargetGroup, StringComparison.Ordinal);
        Assert.Matches("^[a-z0-9-]+$", first.TargetGroup);
        Assert.True(first.ExecutionRole.Length <= ResourceNaming.IamRoleNameLimit);
    }

    [Fact]
    public void Longest_valid_service_and_environment_names_give_valid_names()
    {
        // The validator allows 32-character service names and 20-character environment names.
        var names = ResourceNaming.For(new string('s', 32), new string('e', 20));

        Assert.Equal($"{new string('s', 32)}-{new string('e', 20)}-execution", names.ExecutionRole);
        Assert.True(names.TargetGroup.Length <= 32);
        Assert.True(names.LoadBalancer.Length <= 32);
        Assert.DoesNotMatch("^-|-$", names.TargetGroup);
    }
}
