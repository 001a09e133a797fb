using System.Text.Json.Nodes;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// [network] security_groups, ingress and cluster in the stacks: the organisation's groups on every task beside the
/// service's own, the load balancer admitting only the given blocks on its listener ports, and an existing cluster
/// named rather than created.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class NetworkGuardRailsStackTests : IDisposable
{
    private const string OrganisationGroup = "sg-0123456789abcdef0";
    private const string AuditGroup = "sg-89abcdef";
    private const string ExistingCluster = "platform-shared";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "fargo-network-guard-rails-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Every_task_carries_the_existing_groups_beside_the_services_own_and_no_rule_names_them()
    {
        var synthesized = Synthesize(TestSettings.PlainHttp() is var plain
            ? plain with { Network = plain.Network with { SecurityGroups = [OrganisationGroup, AuditGroup] } }
            : throw new InvalidOperationException());

        var service = SynthesizedEnvironment.Resources(synthesized.ServiceJson, "AWS::ECS::Service").Single().Value;
        var groups = service["Properties"]!["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]!.AsArray();
        Assert.Equal(3, groups.Count);
        Assert.Contains("ServiceSecurityGroup", groups[0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal([OrganisationGroup, AuditGroup], groups.Skip(1).Select(g => (string?)g));
        // The load balancer reaches the tasks through the service's own group: its egress is not opened to the existing ones.
        var rules = SynthesizedEnvironment.Resources(synthesized.ServiceJson, "AWS::EC2::SecurityGroupIngress").Values
            .Concat(SynthesizedEnvironment.Resources(synthesized.ServiceJson, "AWS::EC2::SecurityGroupEgress").Values)
            .Select(rule => rule.ToJsonString());
        Assert.DoesNotContain(rules, rule => rule.Contains(OrganisationGroup, StringComparison.Ordinal) || rule.Contains(AuditGroup, StringComparison.Ordinal));
    }

    [Fact]
    public void The_load_balancer_admits_only_the_given_blocks_on_each_listener_port_over_IPv4_and_IPv6()
    {
        var existing = TestSettings.ExistingNetwork();
        var synthesized = Synthesize(existing with { Network = existing.Network with { Ingress = ["203.0.113.0/24", "2001:db8::/32"] } });

        var ingress = LoadBalancerIngress(synthesized);

        Assert.Equal(
            [("203.0.113.0/24", null, 80), ("203.0.113.0/24", null, 443), (null, "2001:db8::/32", 80), (null, "2001:db8::/32", 443)],
            ingress);
    }

    [Fact]
    public void Without_ingress_a_public_load_balancer_still_admits_anyone_over_IPv4()
    {
        var synthesized = Synthesize(TestSettings.PlainHttp());

        Assert.Equal([("0.0.0.0/0", null, 80)], LoadBalancerIngress(synthesized));
    }

    [Fact]
    public void An_existing_cluster_is_named_by_the_service_and_created_by_no_stack()
    {
        var plain = TestSettings.PlainHttp();
        var settings = plain with
        {
            Network = plain.Network with { Cluster = ExistingCluster },
            Names = ResourceNaming.For(plain.Name, plain.Environment.Name) with { Cluster = ExistingCluster },
        };

        var synthesized = Synthesize(settings);

        Assert.Empty(SynthesizedEnvironment.Resources(synthesized.EnvironmentJson, "AWS::ECS::Cluster"));
        Assert.Empty(SynthesizedEnvironment.Resources(synthesized.EnvironmentJson, "AWS::ECS::ClusterCapacityProviderAssociations"));
        var service = SynthesizedEnvironment.Resources(synthesized.ServiceJson, "AWS::ECS::Service").Single().Value;
        Assert.Equal(ExistingCluster, (string?)service["Properties"]!["Cluster"]);
        Assert.Equal(ExistingCluster, (string?)synthesized.ServiceJson["Outputs"]![StackOutputs.ClusterName]!["Value"]);
        Assert.Equal(ExistingCluster, (string?)synthesized.EnvironmentJson["Outputs"]![StackOutputs.ClusterName]!["Value"]);
    }

    [Fact]
    public void Without_a_cluster_setting_the_environment_makes_its_own()
    {
        var synthesized = Synthesize(TestSettings.PlainHttp());

        var cluster = SynthesizedEnvironment.Resources(synthesized.EnvironmentJson, "AWS::ECS::Cluster").Single().Value;
        Assert.Equal("fargo-sandbox", (string?)cluster["Properties"]!["ClusterName"]);
    }

    private static List<(string? CidrIp, string? CidrIpv6, int Port)> LoadBalancerIngress(SynthesizedEnvironment synthesized)
    {
        var group = SynthesizedEnvironment.Resources(synthesized.EnvironmentJson, "AWS::EC2::SecurityGroup").Single().Value["Properties"]!;
        return [.. group["SecurityGroupIngress"]!.AsArray()
            .Select(rule => ((string?)rule!["CidrIp"], (string?)rule["CidrIpv6"], (int)rule["FromPort"]!))
            .OrderBy(rule => rule.Item1 is null)
            .ThenBy(rule => rule.Item3)];
    }

    private SynthesizedEnvironment Synthesize(ServiceSettings settings) => new(settings, Path.Combine(_root, Guid.NewGuid().ToString("N")));
}
