using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// An app of two services on the local region with one `fargo up`: an internal service found by its Cloud Map name, and
/// a worker that calls it through the injected PRICING_URL (the same value as on AWS), its answers in `fargo logs`;
/// `fargo deploy`, `redeploy`, `rollback`, `status` and `logs` of both (--output json: one array).
/// Bringing one service up again with a new version leaves the other's tasks as they were; `fargo down` takes both
/// down, the caller first.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed class ServicesEndToEndTests(LocalRegionFixture region) : IDisposable
{
    private const string App = """
        name = "shop"

        [services.quoter]
        kind = "worker"
        calls = ["pricing"]
        [services.quoter.local]
        build = "mkdir -p {out} && cp quoter.js {out}/"
        command = "node quoter.js"

        [services.pricing]
        kind = "internal"
        port = 9090
        [services.pricing.local]
        build = "mkdir -p {out} && cp pricing.js {out}/"
        command = "node pricing.js"

        """;

    // The internal service answers on the port the local region gives it (PORT), as it would on 9090 in its own task.
    private const string Pricing = """
        require("http").createServer((req, res) => res.end("price of " + req.url + " is 42")).listen(Number(process.env.PORT), "127.0.0.1");
        """;

    // The caller knows only PRICING_URL: http://pricing.local.fargo.internal:9090.
    private const string Quoter = """
        console.log("quoter: PRICING_URL names " + new URL(process.env.PRICING_URL).port);
        setInterval(async () => {
          try { console.log("quoter: " + await (await fetch(process.env.PRICING_URL + "/apple")).text()); }
          catch (e) { console.log("quoter: failed " + e.cause?.code); }
        }, 1000);
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_service_comes_up_the_caller_reaches_the_called_one_by_name_and_one_service_deploys_alone()
    {
        _folder.Write("fargo.toml", App);
        _folder.Write("pricing.js", Pricing);
        _folder.Write("quoter.js", Quoter);

        // A caller alone needs the services it calls: refused before anything changes.
        var alone = await region.FargoAsync(_folder.Path, "up", "--service", "quoter", "--version", "v1");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("quoter calls pricing, whose stack fargo-local-pricing is not on the local region", alone.Error, StringComparison.Ordinal);

        var up = await region.FargoAsync(_folder.Path, "up", "--version", "v1");
        try
        {
            Assert.True(up.ExitCode == 0, region.Explain(up));
            // Called services first: pricing's stack and deploy before quoter's.
            Assert.True(up.Out.IndexOf("Bringing pricing", StringComparison.Ordinal) < up.Out.IndexOf("Bringing quoter", StringComparison.Ordinal), up.Out);

            await Task.Delay(TimeSpan.FromSeconds(3));
            var logs = await region.FargoAsync(_folder.Path, "logs", "--service", "quoter", "--since", "5m");
            Assert.True(logs.ExitCode == 0, region.Explain(logs));
            Assert.Contains("quoter: PRICING_URL names 9090", logs.Out, StringComparison.Ordinal);
            Assert.Contains("quoter: price of /apple is 42", logs.Out, StringComparison.Ordinal);

            // `fargo deploy` without --service: every service, called ones first (the same version: nothing to roll out).
            // With --output json: one document, an array of the services' results in that order (progress on stderr).
            var deploy = await region.FargoAsync(_folder.Path, "deploy", "--version", "v1", "--output", "json");
            Assert.True(deploy.ExitCode == 0, region.Explain(deploy));
            Assert.True(deploy.Error.IndexOf("Deploying pricing", StringComparison.Ordinal) is >= 0 and var pricingAt && pricingAt < deploy.Error.IndexOf("Deploying quoter", StringComparison.Ordinal), deploy.Error);
            Assert.Equal(["pricing", "quoter"], ServicesOf(deploy.Out));

            // `fargo logs` without --service: every service's lines, each marked with its service.
            var allLogs = await region.FargoAsync(_folder.Path, "logs", "--since", "5m");
            Assert.True(allLogs.ExitCode == 0, region.Explain(allLogs));
            Assert.Matches(@"quoter [0-9a-f]{8} quoter: price of /apple is 42", allLogs.Out);

            // `fargo status` without --service: every service, in deploy order.
            var all = await region.FargoAsync(_folder.Path, "status", "--output", "json");
            Assert.True(all.ExitCode == 0, region.Explain(all));
            Assert.Equal(["pricing", "quoter"], JsonDocument.Parse(all.Out).RootElement.EnumerateArray().Select(s => s.GetProperty("service").GetString()));

            // `fargo infra diff --env local` without --service: the environment's stack and every service's, nothing changed.
            var diff = await region.FargoAsync(_folder.Path, "infra", "diff", "--env", "local", "--output", "json");
            Assert.True(diff.ExitCode == 0, region.Explain(diff));
            Assert.Equal(["fargo-local", "fargo-local-pricing", "fargo-local-quoter"], JsonDocument.Parse(diff.Out).RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetString()));

            // A new version of the caller alone: the called service's tasks stay the same ones.
            var pricingBefore = await TaskArnsAsync("pricing");
            var quoterBefore = await TaskArnsAsync("quoter");
            var again = await region.FargoAsync(_folder.Path, "up", "--service", "quoter", "--version", "v2");
            Assert.True(again.ExitCode == 0, region.Explain(again));
            Assert.DoesNotContain("Bringing pricing", again.Out, StringComparison.Ordinal);
            Assert.Equal(pricingBefore, await TaskArnsAsync("pricing"));
            Assert.NotEqual(quoterBefore, await TaskArnsAsync("quoter"));

            // Revision 1 of each is the stack's placeholder, 2 the first deploy (v1); quoter runs 3 (v2). With a third revision of
            // pricing too, every service goes back to its previous one, called services first.
            var forced = await region.FargoAsync(_folder.Path, "deploy", "--service", "pricing", "--version", "v1", "--force");
            Assert.True(forced.ExitCode == 0, region.Explain(forced));
            var rollback = await region.FargoAsync(_folder.Path, "rollback", "--output", "json");
            Assert.True(rollback.ExitCode == 0, region.Explain(rollback));
            Assert.Contains("Rolling pricing back from revision 3 to 2", rollback.Error, StringComparison.Ordinal);
            Assert.Contains("Rolling quoter back from revision 3 to 2", rollback.Error, StringComparison.Ordinal);
            var rolledBack = JsonDocument.Parse(rollback.Out).RootElement;
            Assert.Equal([("pricing", 2, "succeeded"), ("quoter", 2, "succeeded")], rolledBack.EnumerateArray().Select(r =>
                (r.GetProperty("service").GetString(), r.GetProperty("revision").GetInt32(), r.GetProperty("outcome").GetString())));

            // `fargo redeploy` of the app: fresh tasks for every service, one JSON array.
            var beforeRedeploy = await TaskArnsAsync("pricing");
            var redeploy = await region.FargoAsync(_folder.Path, "redeploy", "--output", "json");
            Assert.True(redeploy.ExitCode == 0, region.Explain(redeploy));
            Assert.Equal(["pricing", "quoter"], ServicesOf(redeploy.Out));
            Assert.NotEqual(beforeRedeploy, await TaskArnsAsync("pricing"));

            // A revision number is one service's.
            var to = await region.FargoAsync(_folder.Path, "rollback", "--to", "1");
            Assert.Equal(2, to.ExitCode);
            Assert.Contains("--service NAME --to REVISION", to.Error, StringComparison.Ordinal);

            // The called service cannot go while its caller is up.
            var early = await region.FargoAsync(_folder.Path, "down", "--service", "pricing");
            Assert.Equal(2, early.ExitCode);
            Assert.Contains("quoter calls pricing", early.Error, StringComparison.Ordinal);
        }
        finally
        {
            var down = await region.FargoAsync(_folder.Path, "down");
            Assert.True(down.ExitCode == 0, region.Explain(down));
            Assert.True(down.Out.IndexOf("quoter is down", StringComparison.Ordinal) < down.Out.IndexOf("pricing is down", StringComparison.Ordinal), down.Out);
        }
    }

    private static IReadOnlyList<string?> ServicesOf(string jsonArray) =>
        [.. JsonDocument.Parse(jsonArray).RootElement.EnumerateArray().Select(r => r.GetProperty("service").GetString())];

    private async Task<IReadOnlyList<string>> TaskArnsAsync(string service)
    {
        var status = await region.FargoAsync(_folder.Path, "status", "--service", service, "--output", "json");
        Assert.True(status.ExitCode == 0, region.Explain(status));
        var arns = new List<string>();
        Collect(JsonDocument.Parse(status.Out).RootElement);
        return [.. arns.Distinct().Order(StringComparer.Ordinal)];

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { } text && text.Contains(":task/", StringComparison.Ordinal))
                        {
                            arns.Add(text);
                        }
                        else
                        {
                            Collect(property.Value);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }
}
