using System.Text.Json;

namespace Fargo.Deploy.Tests.AwsModels;

/// <summary>The model checker itself must catch what it is there to catch, or its passes mean nothing.</summary>
public sealed class AwsServiceModelTests
{
    private static readonly AwsServiceModel Ecs = AwsServiceModel.Load(RepositoryPaths.EcsModel);

    private static IReadOnlyList<string> Check(string json) =>
        Ecs.Check(JsonDocument.Parse(json).RootElement, "RegisterTaskDefinitionRequest");

    [Fact]
    public void A_minimal_valid_request_passes()
    {
        Assert.Empty(Check("""{"family":"f","containerDefinitions":[{"name":"c","image":"i","essential":true,"portMappings":[{"containerPort":80,"protocol":"tcp"}]}],"cpu":"256"}"""));
    }

    [Fact]
    public void A_member_the_model_does_not_have_is_reported_with_its_path()
    {
        var problems = Check("""{"family":"f","containerDefinitions":[{"name":"c","portMappings":[{"containerPort":80,"hostport":80}]}]}""");
        Assert.Contains(problems, p => p.StartsWith("$.containerDefinitions[0].portMappings[0].hostport: no such member", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"family":"f","containerDefinitions":[],"cpu":256}""", "$.cpu: expected string")]
    [InlineData("""{"family":"f","containerDefinitions":[{"essential":"true"}]}""", "$.containerDefinitions[0].essential: expected boolean")]
    [InlineData("""{"family":"f","containerDefinitions":[{"portMappings":[{"containerPort":"80"}]}]}""", "$.containerDefinitions[0].portMappings[0].containerPort: expected integer")]
    [InlineData("""{"family":"f","containerDefinitions":[{"memory":1.5}]}""", "$.containerDefinitions[0].memory: 1.5 is not a whole number")]
    [InlineData("""{"family":"f","containerDefinitions":{}}""", "$.containerDefinitions: expected list")]
    [InlineData("""{"family":"f","containerDefinitions":[{"logConfiguration":{"logDriver":"awslogs","options":{"a":1}}}]}""", "$.containerDefinitions[0].logConfiguration.options['a']: expected string")]
    [InlineData("""{"family":null,"containerDefinitions":[]}""", "$.family: null")]
    public void A_value_of_the_wrong_type_is_reported(string json, string expected)
    {
        Assert.Contains(Check(json), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Members_the_model_requires_must_be_present_at_every_level()
    {
        var problems = Check("""{"containerDefinitions":[{"secrets":[{"name":"A"}],"logConfiguration":{"options":{}}}]}""");
        Assert.Contains("$.family: required by the model, missing", problems);
        Assert.Contains("$.containerDefinitions[0].secrets[0].valueFrom: required by the model, missing", problems);
        Assert.Contains("$.containerDefinitions[0].logConfiguration.logDriver: required by the model, missing", problems);
    }

    [Fact]
    public void Request_and_response_names_resolve_to_operation_input_and_output()
    {
        Assert.True(Ecs.Shape("RegisterTaskDefinitionRequest").GetProperty("members").TryGetProperty("containerDefinitions", out _));
        Assert.True(Ecs.Shape("RegisterTaskDefinitionResponse").GetProperty("members").TryGetProperty("taskDefinition", out _));
        Assert.Throws<KeyNotFoundException>(() => Ecs.Shape("NoSuchOperationRequest"));
    }
}
