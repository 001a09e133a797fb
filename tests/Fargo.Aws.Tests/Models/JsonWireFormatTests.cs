using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Aws.Ecs;

namespace Fargo.Aws.Tests.Models;

public sealed class JsonWireFormatTests
{
    [Fact]
    public void RegisterTaskDefinition_request_is_written_with_model_names_enum_strings_and_no_nulls()
    {
        var request = new RegisterTaskDefinitionRequest
        {
            Family = "todo-api",
            NetworkMode = NetworkMode.Awsvpc,
            RequiresCompatibilities = [Compatibility.Fargate],
            Cpu = "256",
            Memory = "512",
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.Arm64, OperatingSystemFamily = OSFamily.Linux },
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = "web",
                    Image = "repo/web@sha256:abc",
                    Essential = true,
                    PortMappings = [new PortMapping { ContainerPort = 8080, Protocol = TransportProtocol.Tcp }],
                    Environment = [new Ecs.KeyValuePair { Name = "A", Value = "1" }],
                    Secrets = [new Secret { Name = "S", ValueFrom = "arn:aws:ssm:us-east-1:111122223333:parameter/x" }],
                    LogConfiguration = new LogConfiguration
                    {
                        LogDriver = LogDriver.Awslogs,
                        Options = new Dictionary<string, string> { ["awslogs-group"] = "/aws/ecs/fargate/web" },
                    },
                },
            ],
        };

        var json = JsonSerializer.Serialize(request, EcsJsonContext.Default.RegisterTaskDefinitionRequest);

        var expected = JsonNode.Parse("""
            {"family":"todo-api","networkMode":"awsvpc","containerDefinitions":[{"name":"web","image":"repo/web@sha256:abc",
             "portMappings":[{"containerPort":8080,"protocol":"tcp"}],"essential":true,"environment":[{"name":"A","value":"1"}],
             "secrets":[{"name":"S","valueFrom":"arn:aws:ssm:us-east-1:111122223333:parameter/x"}],
             "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/aws/ecs/fargate/web"}}}],
             "requiresCompatibilities":["FARGATE"],"cpu":"256","memory":"512",
             "runtimePlatform":{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), json);
    }

    [Fact]
    public void Timestamps_read_and_write_as_epoch_seconds_with_milliseconds()
    {
        const string body = """{"taskDefinition":{"family":"f","revision":3,"status":"ACTIVE","registeredAt":1700000000.123}}""";

        var response = JsonSerializer.Deserialize(body, EcsJsonContext.Default.RegisterTaskDefinitionResponse)!;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), response.TaskDefinition!.RegisteredAt);
        Assert.Equal(3, response.TaskDefinition.Revision);
        Assert.Equal(TaskDefinitionStatus.Active, response.TaskDefinition.Status);
        var written = JsonSerializer.Serialize(response, EcsJsonContext.Default.RegisterTaskDefinitionResponse);
        Assert.Contains("\"registeredAt\":1700000000.123", written, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_value_newer_than_the_model_still_parses()
    {
        const string body = """{"taskDefinition":{"family":"f","revision":1,"networkMode":"some-future-mode"}}""";

        var response = JsonSerializer.Deserialize(body, EcsJsonContext.Default.RegisterTaskDefinitionResponse)!;

        Assert.Equal("some-future-mode", response.TaskDefinition!.NetworkMode!.Value);
        Assert.DoesNotContain(response.TaskDefinition.NetworkMode, NetworkMode.KnownValues);
    }
}
