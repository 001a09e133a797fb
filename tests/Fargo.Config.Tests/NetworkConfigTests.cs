using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[network] security_groups, ingress and cluster: what an environment gets, with its overrides.</summary>
public sealed class NetworkConfigTests
{
    private const string File = """
        name = "api"
        port = 8080

        [network]
        security_groups = ["sg-0123456789abcdef0", "sg-0123456789abcdef0", "sg-89abcdef"]
        ingress = ["203.0.113.0/24", "2001:db8::/32"]

        [environments.qa]
        account = "111111111111"
        region = "us-east-1"
        network = { cluster = "platform_shared-1", ingress = ["10.0.0.0/8"] }
        """;

    [Fact]
    public void Nothing_set_keeps_Fargo_s_own_group_open_ingress_and_its_own_cluster()
    {
        var settings = Configs.Service(Configs.Minimal + "[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n").ForEnvironment("qa");

        Assert.Empty(settings.Network.SecurityGroups);
        Assert.Empty(settings.Network.Ingress);
        Assert.Null(settings.Network.Cluster);
        Assert.Equal("fargo-qa", settings.Names.Cluster);
    }

    [Fact]
    public void Security_groups_are_kept_once_in_order_and_ingress_as_written()
    {
        var network = Configs.Service(File).ForEnvironment("local").Network;

        Assert.Equal(["sg-0123456789abcdef0", "sg-89abcdef"], network.SecurityGroups);
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], network.Ingress);
    }

    [Fact]
    public void An_existing_cluster_replaces_the_environment_s_cluster_name_everywhere()
    {
        var qa = Configs.Service(File).ForEnvironment("qa");

        Assert.Equal("platform_shared-1", qa.Network.Cluster);
        Assert.Equal("platform_shared-1", qa.Names.Cluster);
        Assert.Equal(["10.0.0.0/8"], qa.Network.Ingress);
        Assert.Equal(["sg-0123456789abcdef0", "sg-89abcdef"], qa.Network.SecurityGroups);
        Assert.Equal("fargo-local", Configs.Service(File).ForEnvironment("local").Names.Cluster);
    }
}
