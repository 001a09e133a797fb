using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>[http] host and path, and where a route's listener rule goes among the environment's other services.</summary>
public sealed class HttpRouteTests
{
    [Fact]
    public void Without_http_a_service_takes_every_path_of_its_domain()
    {
        var file = Configs.Minimal + """
            [environments.qa]
            account = "111111111111"
            region = "us-east-1"
            network = { domain = "shop.example.com.", hosted_zone = "example.com" }
            """;

        Assert.Equal(new HttpSettings("shop.example.com", "/"), Configs.Service(file).ForEnvironment("qa").Http);
        Assert.Equal(HttpSettings.Everything, Configs.Service(file).ForEnvironment("local").Http);
    }

    [Fact]
    public void A_path_and_host_are_taken_as_written_and_an_environment_may_override_them()
    {
        var file = Configs.Minimal + """
            [http]
            path = "/api/v2"

            [environments.qa]
            account = "111111111111"
            region = "us-east-1"
            http = { host = "api.example.com" }
            """;
        var service = Configs.Service(file);

        Assert.Equal(new HttpSettings(null, "/api/v2"), service.ForEnvironment("local").Http);
        Assert.Equal(new HttpSettings("api.example.com", "/api/v2"), service.ForEnvironment("qa").Http);
        Assert.Equal(["/api/v2", "/api/v2/*"], service.ForEnvironment("qa").Http.PathPatterns);
    }

    [Theory]
    [InlineData("api", "must start with \"/\"")]
    [InlineData("/api/", "ends with \"/\"")]
    [InlineData("/api/*", "is not a path prefix")]
    [InlineData("/a/b/c/d/e/f/g/h/i", "has more than 8 segments")]
    public void A_path_that_is_not_a_plain_prefix_is_refused_at_its_line(string path, string expected)
    {
        var problem = Assert.Single(Configs.Problems(Configs.Minimal + $"[http]\npath = \"{path}\"\n"));

        Assert.Equal((4, "http.path"), (problem.Line, problem.KeyPath));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_specific_routes_get_lower_priorities_so_that_an_alb_tries_them_first()
    {
        var ordered = new[]
        {
            new HttpSettings("api.example.com", "/v2/orders"),
            new HttpSettings("api.example.com", "/v2"),
            new HttpSettings("api.example.com", "/"),
            new HttpSettings(null, "/reports/monthly"),
            new HttpSettings(null, "/reports"),
            HttpSettings.Everything,
        };

        var bands = ordered.Select(ListenerRulePriorities.BandOf).ToList();

        Assert.All(bands.Zip(bands.Skip(1)), pair => Assert.True(pair.First.Last < pair.Second.First, $"{pair.First} before {pair.Second}"));
        Assert.Equal(1, ListenerRulePriorities.BandOf(new HttpSettings("a.example.com", "/1/2/3/4/5/6/7/8")).First);
        Assert.True(bands[^1].Last <= ListenerRulePriorities.Highest);
    }

    [Fact]
    public void A_service_keeps_its_priority_and_otherwise_takes_its_own_slot_or_the_next_free_one()
    {
        var route = new HttpSettings(null, "/reports");
        var preferred = ListenerRulePriorities.Preferred("reports", route);
        var band = ListenerRulePriorities.BandOf(route);

        Assert.True(band.Contains(preferred));
        Assert.Equal(preferred, ListenerRulePriorities.Allocate("reports", route, null, new HashSet<int>()));
        Assert.Equal(band.First + 7, ListenerRulePriorities.Allocate("reports", route, band.First + 7, new HashSet<int> { preferred }));
        var next = preferred == band.Last ? band.First : preferred + 1;
        Assert.Equal(next, ListenerRulePriorities.Allocate("reports", route, null, new HashSet<int> { preferred }));
        // A kept priority another rule now holds, or one outside the band of a changed route, is given up.
        Assert.Equal(preferred, ListenerRulePriorities.Allocate("reports", route, band.Last + 1, new HashSet<int>()));
        Assert.Null(ListenerRulePriorities.Allocate("reports", route, null, Enumerable.Range(band.First, band.Last - band.First + 1).ToHashSet()));
    }
}
