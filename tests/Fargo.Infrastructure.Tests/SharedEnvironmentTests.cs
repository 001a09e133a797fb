using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Config.Model;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// Two services from two files in one environment (the example's qa API, and a reports service at /reports): what
/// their stacks say about the environment they share, and the checks `fargo infra up` makes from those stacks before it
/// changes anything — run here against the synthesized templates' own outputs and parameters, as CloudFormation would
/// report them once deployed.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class SharedEnvironmentTests(SynthesisFixture synthesis)
{
    private const string ApiFile = "/src/todo-api/fargo.toml";
    private const string ReportsFile = "/src/reports/fargo.toml";

    [Fact]
    public void Two_files_that_agree_make_the_very_same_environment_stack()
    {
        Assert.Equal(synthesis.Qa.EnvironmentJson.ToJsonString(), synthesis.QaReports.EnvironmentJson.ToJsonString());
    }

    [Fact]
    public void Each_service_s_rule_matches_its_own_host_and_path_at_a_priority_parameter_within_its_band()
    {
        synthesis.QaReports.Service.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Like(
            ("Priority", O(("Ref", StackParameters.ListenerRulePriority))),
            ("Conditions", A(
                O(("Field", "host-header"), ("HostHeaderConfig", O(("Values", A("qa.todo.example.com"))))),
                O(("Field", "path-pattern"), ("PathPatternConfig", O(("Values", A("/reports", "/reports/*"))))))),
            ("Actions", A(Like(("Type", "forward"))))));
        var reportsBand = ListenerRulePriorities.BandOf(synthesis.QaReports.Settings.Http);
        var apiBand = ListenerRulePriorities.BandOf(synthesis.Qa.Settings.Http);
        synthesis.QaReports.Service.HasParameter(StackParameters.ListenerRulePriority, Like(
            ("Type", "Number"), ("MinValue", reportsBand.First), ("MaxValue", reportsBand.Last)));
        synthesis.Qa.Service.HasParameter(StackParameters.ListenerRulePriority, Like(("MinValue", apiBand.First), ("MaxValue", apiBand.Last)));

        // /reports is more specific than the API's every path on the same host: its whole band comes first.
        Assert.True(reportsBand.Last < apiBand.First);
        Assert.Equal(("qa.todo.example.com", "/reports"), (Output(synthesis.QaReports.ServiceJson, StackOutputs.RouteHost), Output(synthesis.QaReports.ServiceJson, StackOutputs.RoutePath)));
    }

    [Fact]
    public void The_environment_stack_records_its_settings_by_fargo_toml_key_and_who_made_it()
    {
        var recorded = JsonNode.Parse(Output(synthesis.Qa.EnvironmentJson, StackOutputs.EnvironmentSettings))!.AsObject();

        Assert.Equal(EnvironmentWideSettings.Keys.Order(StringComparer.Ordinal), recorded.Select(p => p.Key));
        Assert.Equal("qa.todo.example.com", (string?)recorded["network.domain"]);
        Assert.Equal("single", (string?)recorded["network.nat"]);
        Assert.Equal("7", (string?)recorded["logs.retention_days"]);
        synthesis.Qa.Environment.HasParameter(StackParameters.ConfiguredBy, Like(("Type", "String"), ("Default", "")));
        synthesis.Qa.Environment.HasOutput(StackOutputs.ConfiguredBy, Like(("Value", O(("Ref", StackParameters.ConfiguredBy)))));
    }

    [Fact]
    public void A_second_file_that_agrees_keeps_the_environment_s_record_and_gets_a_priority_of_its_own()
    {
        var state = new EnvironmentState(Deployed(synthesis.Qa, "environment", new EnvironmentOwner("todo-api", ApiFile).ToRecorded()), [Deployed(synthesis.Qa, "service", null)]);

        var inputs = SharedEnvironment.Plan(synthesis.QaReports.Settings, ReportsFile, new Dictionary<string, int>(), state);

        Assert.Equal(new EnvironmentOwner("todo-api", "/src/todo-api/fargo.toml"), inputs.ConfiguredBy);
        Assert.True(ListenerRulePriorities.BandOf(synthesis.QaReports.Settings.Http).Contains(inputs.ListenerRulePriority!.Value));
    }

    [Fact]
    public void A_second_file_that_disagrees_is_refused_naming_each_key_its_line_and_both_files()
    {
        var state = new EnvironmentState(Deployed(synthesis.Qa, "environment", new EnvironmentOwner("todo-api", ApiFile).ToRecorded()), [Deployed(synthesis.Qa, "service", null)]);
        var disagreeing = synthesis.QaReports.Settings with
        {
            Network = synthesis.QaReports.Settings.Network with { Nat = NatMode.PerAz, Domain = "reports.example.com" },
        };

        var error = Assert.Throws<EnvironmentSettingsConflictException>(() =>
            SharedEnvironment.Plan(disagreeing, ReportsFile, new Dictionary<string, int> { ["network.domain"] = 12 }, state));

        Assert.Equal(["network.domain", "network.nat"], error.Disagreements.Select(d => d.Key));
        Assert.Contains("/src/reports/fargo.toml:12: network.domain is \"reports.example.com\", the environment's is \"qa.todo.example.com\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("/src/reports/fargo.toml: network.nat (its default) is \"per-az\", the environment's is \"single\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("whose settings come from todo-api (/src/todo-api/fargo.toml)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_that_recorded_its_owner_as_text_is_still_owned_by_that_file()
    {
        // Environments made before the owner was JSON hold "service (file)".
        var state = new EnvironmentState(Deployed(synthesis.Qa, "environment", $"todo-api ({ApiFile})"), [Deployed(synthesis.Qa, "service", null)]);
        var disagreeing = synthesis.QaReports.Settings with { Network = synthesis.QaReports.Settings.Network with { Domain = "reports.example.com" } };

        var error = Assert.Throws<EnvironmentSettingsConflictException>(() =>
            SharedEnvironment.Plan(disagreeing, ReportsFile, new Dictionary<string, int>(), state));

        Assert.Contains("whose settings come from todo-api (/src/todo-api/fargo.toml)", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            """{"service":"todo-api","configFile":"/src/todo-api/fargo.toml"}""",
            SharedEnvironment.Plan(synthesis.Qa.Settings, ApiFile, new Dictionary<string, int>(), state).EnvironmentParameters[StackParameters.ConfiguredBy]);
    }

    [Fact]
    public void The_file_that_made_the_environment_may_change_it()
    {
        var state = new EnvironmentState(Deployed(synthesis.Qa, "environment", new EnvironmentOwner("todo-api", ApiFile).ToRecorded()), [Deployed(synthesis.Qa, "service", null)]);
        var changed = synthesis.Qa.Settings with { Network = synthesis.Qa.Settings.Network with { Nat = NatMode.PerAz } };

        var inputs = SharedEnvironment.Plan(changed, ApiFile, new Dictionary<string, int>(), state);

        Assert.Equal(new EnvironmentOwner("todo-api", "/src/todo-api/fargo.toml"), inputs.ConfiguredBy);
    }

    [Fact]
    public void A_service_answering_for_the_same_host_and_path_as_another_is_refused_naming_both()
    {
        var state = new EnvironmentState(Deployed(synthesis.Qa, "environment", new EnvironmentOwner("todo-api", ApiFile).ToRecorded()), [Deployed(synthesis.Qa, "service", null)]);
        var clashing = synthesis.QaReports.Settings with { Http = synthesis.Qa.Settings.Http };

        var error = Assert.Throws<RouteClashException>(() => SharedEnvironment.Plan(clashing, ReportsFile, new Dictionary<string, int>(), state));

        Assert.Equal("todo-api", error.OtherService);
        Assert.Contains("service 'reports' would answer for the same requests as service 'todo-api' in environment 'qa' (host qa.todo.example.com, path /)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stack as DescribeStacks would show it after a deploy of the synthesized template: its outputs that are literals, its parameters' defaults.</summary>
    private static StackState Deployed(SynthesizedEnvironment synthesized, string which, string? configuredBy)
    {
        var (name, template) = which == "environment"
            ? (synthesized.Assembly.Stacks.Environment, synthesized.EnvironmentJson)
            : (synthesized.Assembly.Stacks.Service, synthesized.ServiceJson);
        var parameters = (template["Parameters"]?.AsObject() ?? [])
            .Where(p => p.Value!["Default"] is not null)
            .ToDictionary(p => p.Key, p => p.Value!["Default"]!.ToString(), StringComparer.Ordinal);
        var outputs = (template["Outputs"]?.AsObject() ?? [])
            .Where(o => o.Value!["Value"] is JsonValue)
            .ToDictionary(o => o.Key, o => (string)o.Value!["Value"]!, StringComparer.Ordinal);
        if (configuredBy is not null)
        {
            parameters[StackParameters.ConfiguredBy] = configuredBy;
            outputs[StackOutputs.ConfiguredBy] = configuredBy;
        }

        return new StackState(name, parameters, outputs);
    }

    private static string Output(JsonObject template, string key) => (string)template["Outputs"]![key]!["Value"]!;
}
