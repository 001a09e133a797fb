using System.Text.Json;
using Fargo.Aws.Ecs;
using CpuArchitecture = Fargo.Config.Model.CpuArchitecture;
using Fargo.Deploy.Rendering;
using Fargo.Deploy.Tests.AwsModels;

namespace Fargo.Deploy.Tests.Rendering;

public sealed class TaskDefinitionRendererTests
{
    private const string Image = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/todo-api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static JsonElement Json(RegisterTaskDefinitionRequest request) =>
        JsonDocument.Parse(TaskDefinitionJson.Serialize(request)).RootElement;

    [Fact]
    public void The_task_is_a_Fargate_awsvpc_task_of_the_configured_size_and_platform()
    {
        var json = Json(TaskDefinitionRenderer.Render(TestSettings.For(architecture: CpuArchitecture.Arm64, cpu: 1024, memory: 3072), Image));

        Assert.Equal("todo-api-qa", json.GetProperty("family").GetString());
        Assert.Equal("awsvpc", json.GetProperty("networkMode").GetString());
        Assert.Equal(["FARGATE"], json.GetProperty("requiresCompatibilities").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1024", json.GetProperty("cpu").GetString());
        Assert.Equal("3072", json.GetProperty("memory").GetString());
        Assert.Equal("ARM64", json.GetProperty("runtimePlatform").GetProperty("cpuArchitecture").GetString());
        Assert.Equal("LINUX", json.GetProperty("runtimePlatform").GetProperty("operatingSystemFamily").GetString());
    }

    [Fact]
    public void A_worker_has_no_port_and_checks_its_own_health_as_its_stack_does()
    {
        var settings = TestSettings.For() with
        {
            Port = null,
            Kind = Fargo.Config.Model.ServiceKind.Worker,
            Health = TestSettings.For().Health with { Command = ["dotnet", "Api.dll", "--health"] },
        };

        var json = Json(TaskDefinitionRenderer.Render(settings, Image)).GetProperty("containerDefinitions")[0];

        Assert.False(json.TryGetProperty("portMappings", out _));
        var health = json.GetProperty("healthCheck");
        Assert.Equal(["CMD", "dotnet", "Api.dll", "--health"], health.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((10, 5, 3, 30), (health.GetProperty("interval").GetInt32(), health.GetProperty("timeout").GetInt32(), health.GetProperty("retries").GetInt32(), health.GetProperty("startPeriod").GetInt32()));
    }

    [Fact]
    public void A_caller_gets_each_called_services_url_beside_its_own_variables()
    {
        var settings = TestSettings.For(env: new Dictionary<string, string> { ["LOG_LEVEL"] = "info" }) with
        {
            Calls = [new Fargo.Config.Model.ServiceCall("pricing", 9090, "PRICING_URL")],
        };

        var variables = Json(TaskDefinitionRenderer.Render(settings, Image)).GetProperty("containerDefinitions")[0].GetProperty("environment")
            .EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("value").GetString());

        Assert.Equal(new Dictionary<string, string?> { ["LOG_LEVEL"] = "info", ["PRICING_URL"] = "http://pricing.qa.fargo.internal:9090" }, variables);
    }

    [Fact]
    public void The_container_gets_its_limits_entry_point_command_working_directory_and_stop_timeout()
    {
        var container = new Fargo.Config.Model.ContainerSettings(500, 300, ["dotnet", "Api.dll"], ["--verbose"], "/app", TimeSpan.FromSeconds(90));

        var json = Json(TaskDefinitionRenderer.Render(TestSettings.For(container: container), Image)).GetProperty("containerDefinitions")[0];

        Assert.Equal(500, json.GetProperty("memory").GetInt32());
        Assert.Equal(300, json.GetProperty("memoryReservation").GetInt32());
        Assert.Equal(["dotnet", "Api.dll"], json.GetProperty("entryPoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["--verbose"], json.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/app", json.GetProperty("workingDirectory").GetString());
        Assert.Equal(90, json.GetProperty("stopTimeout").GetInt32());
    }

    [Fact]
    public void Without_container_settings_ECS_s_defaults_apply()
    {
        var json = Json(TaskDefinitionRenderer.Render(TestSettings.For(), Image)).GetProperty("containerDefinitions")[0];

        foreach (var member in new[] { "memory", "memoryReservation", "entryPoint", "command", "workingDirectory", "stopTimeout" })
        {
            Assert.False(json.TryGetProperty(member, out _), member);
        }
    }

    [Fact]
    public void Roles_are_the_environments_roles_in_its_account()
    {
        var json = Json(TaskDefinitionRenderer.Render(TestSettings.For(), Image));

        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-execution", json.GetProperty("executionRoleArn").GetString());
        Assert.Equal("arn:aws:iam::111111111111:role/todo-api-qa-task", json.GetProperty("taskRoleArn").GetString());
    }

    [Fact]
    public void One_essential_container_with_the_image_port_and_logs()
    {
        var json = Json(TaskDefinitionRenderer.Render(TestSettings.For(port: 5000), Image));
        var container = Assert.Single(json.GetProperty("containerDefinitions").EnumerateArray());

        Assert.Equal("todo-api", container.GetProperty("name").GetString());
        Assert.Equal(Image, container.GetProperty("image").GetString());
        Assert.True(container.GetProperty("essential").GetBoolean());
        var port = Assert.Single(container.GetProperty("portMappings").EnumerateArray());
        Assert.Equal(5000, port.GetProperty("containerPort").GetInt32());
        Assert.Equal("tcp", port.GetProperty("protocol").GetString());
        var logs = container.GetProperty("logConfiguration");
        Assert.Equal("awslogs", logs.GetProperty("logDriver").GetString());
        Assert.Equal(
            [("awslogs-group", "/fargo/qa/todo-api"), ("awslogs-region", "eu-west-1"), ("awslogs-stream-prefix", "todo-api")],
            logs.GetProperty("options").EnumerateObject().Select(o => (o.Name, o.Value.GetString())));
    }

    [Fact]
    public void Environment_variables_are_sorted_by_name()
    {
        var env = new Dictionary<string, string> { ["ZONE"] = "z", ["ASPNETCORE_ENVIRONMENT"] = "Production", ["B"] = "2" };
        var container = Json(TaskDefinitionRenderer.Render(TestSettings.For(env: env), Image)).GetProperty("containerDefinitions")[0];

        Assert.Equal(
            [("ASPNETCORE_ENVIRONMENT", "Production"), ("B", "2"), ("ZONE", "z")],
            container.GetProperty("environment").EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("value").GetString())));
    }

    [Fact]
    public void Secrets_are_referenced_by_full_ARN_and_never_by_value()
    {
        var secrets = new Dictionary<string, string>
        {
            ["API_KEY"] = "/shared/api-key",
            ["LEGACY"] = "plain-name",
            ["DB"] = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:todo-db-AbCdEf:password::",
        };
        var request = TaskDefinitionRenderer.Render(TestSettings.For(secrets: secrets), Image, ["/todo-api/DB_PASSWORD", "/todo-api/smtp/user"]);

        Assert.Equal(
            [
                ("API_KEY", "arn:aws:ssm:eu-west-1:111111111111:parameter/shared/api-key"),
                ("DB", "arn:aws:secretsmanager:eu-west-1:111111111111:secret:todo-db-AbCdEf:password::"),
                ("DB_PASSWORD", "arn:aws:ssm:eu-west-1:111111111111:parameter/todo-api/DB_PASSWORD"),
                ("LEGACY", "arn:aws:ssm:eu-west-1:111111111111:parameter/plain-name"),
                ("user", "arn:aws:ssm:eu-west-1:111111111111:parameter/todo-api/smtp/user"),
            ],
            request.ContainerDefinitions[0].Secrets!.Select(s => (s.Name, s.ValueFrom)));
    }

    [Fact]
    public void An_explicit_secret_wins_over_a_parameter_of_the_same_name_under_the_secrets_path()
    {
        var secrets = new Dictionary<string, string> { ["DB_PASSWORD"] = "/shared/db-password" };
        var request = TaskDefinitionRenderer.Render(TestSettings.For(secrets: secrets), Image, ["/todo-api/DB_PASSWORD"]);

        var secret = Assert.Single(request.ContainerDefinitions[0].Secrets!);
        Assert.Equal("arn:aws:ssm:eu-west-1:111111111111:parameter/shared/db-password", secret.ValueFrom);
    }

    [Fact]
    public void Without_secrets_or_environment_those_members_are_left_out()
    {
        var container = Json(TaskDefinitionRenderer.Render(TestSettings.For(), Image)).GetProperty("containerDefinitions")[0];

        Assert.False(container.TryGetProperty("secrets", out _));
        Assert.False(container.TryGetProperty("environment", out _));
    }

    [Fact]
    public void Revisions_are_tagged_with_service_and_environment()
    {
        var request = TaskDefinitionRenderer.Render(TestSettings.For(environment: "prod"), Image);

        Assert.Equal([("fargo:environment", "prod"), ("fargo:service", "todo-api")], request.Tags!.Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public void The_same_input_renders_byte_for_byte_the_same_whatever_the_order_of_maps()
    {
        var one = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2", ["C"] = "3" };
        var other = new Dictionary<string, string> { ["C"] = "3", ["A"] = "1", ["B"] = "2" };
        var secretsOne = new Dictionary<string, string> { ["X"] = "/x", ["Y"] = "/y" };
        var secretsOther = new Dictionary<string, string> { ["Y"] = "/y", ["X"] = "/x" };

        Assert.Equal(
            TaskDefinitionJson.Serialize(TaskDefinitionRenderer.Render(TestSettings.For(env: one, secrets: secretsOne), Image, ["/todo-api/P", "/todo-api/Q"])),
            TaskDefinitionJson.Serialize(TaskDefinitionRenderer.Render(TestSettings.For(env: other, secrets: secretsOther), Image, ["/todo-api/Q", "/todo-api/P"])));
    }

    [Fact]
    public void The_compact_form_is_the_same_document_as_the_indented_one()
    {
        var request = TaskDefinitionRenderer.Render(TestSettings.For(), Image);
        using var compact = JsonDocument.Parse(TaskDefinitionJson.Serialize(request, indented: false));

        Assert.DoesNotContain('\n', TaskDefinitionJson.Serialize(request, indented: false));
        Assert.Equal(
            JsonSerializer.Serialize(JsonDocument.Parse(TaskDefinitionJson.Serialize(request)).RootElement),
            JsonSerializer.Serialize(compact.RootElement));
    }

    [Fact]
    public void An_AWS_environment_without_an_account_or_region_cannot_be_rendered()
    {
        var noAccount = Assert.Throws<TaskDefinitionRenderException>(() => TaskDefinitionRenderer.Render(TestSettings.For(account: null), Image));
        var noRegion = Assert.Throws<TaskDefinitionRenderException>(() => TaskDefinitionRenderer.Render(TestSettings.For(region: null), Image));

        Assert.Contains("'qa' has no AWS account", noAccount.Message, StringComparison.Ordinal);
        Assert.Contains("[environments.qa]", noAccount.Hint, StringComparison.Ordinal);
        Assert.Contains("'qa' has no AWS region", noRegion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARNs_and_registries_follow_the_regions_partition()
    {
        var china = TaskDefinitionRenderer.Render(TestSettings.For(region: "cn-north-1", secrets: new Dictionary<string, string> { ["K"] = "/k" }), Image);

        Assert.Equal("arn:aws-cn:iam::111111111111:role/todo-api-qa-execution", china.ExecutionRoleArn);
        Assert.Equal("arn:aws-cn:ssm:cn-north-1:111111111111:parameter/k", china.ContainerDefinitions[0].Secrets![0].ValueFrom);
        Assert.Equal("111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/todo-api:latest", DefaultImages.For(TestSettings.For(region: "cn-north-1")));
        Assert.Equal("arn:aws-us-gov:iam::1:role/r", Fargo.Config.Model.IamSettings.Default.RoleArn("us-gov-west-1", "1", "r"));
        Assert.Equal("arn:aws:iam::1:role/delegatedadmin/developer/r", new Fargo.Config.Model.IamSettings("/delegatedadmin/developer/", null).RoleArn("us-east-1", "1", "r"));
    }

    [Fact]
    public void The_default_image_is_the_environments_repository_at_latest()
    {
        Assert.Equal("111111111111.dkr.ecr.eu-west-1.amazonaws.com/todo-api:latest", DefaultImages.For(TestSettings.For()));
        Assert.Equal("000000000000.dkr.ecr.local.localhost/todo-api:latest", DefaultImages.For(TestSettings.For(environment: "local", account: "000000000000", region: "local")));
        Assert.Equal("123456789012.dkr.ecr.us-east-2.amazonaws.com/billing:latest", DefaultImages.For(TestSettings.Flat()));
    }

    [Theory]
    [InlineData("/todo-api/DB_PASSWORD", "/todo-api", "DB_PASSWORD")]
    [InlineData("/todo-api/db/password", "/todo-api/", "password")]
    [InlineData("/a/b/c/D", "/a/b", "D")]
    public void A_parameter_under_the_secrets_path_is_named_after_its_last_segment(string parameter, string path, string expected)
    {
        Assert.Equal(expected, TaskDefinitionRenderer.SecretVariableName(parameter, path));
    }

    [Fact]
    public void Two_parameters_that_would_be_the_same_variable_are_refused()
    {
        var error = Assert.Throws<TaskDefinitionRenderException>(
            () => TaskDefinitionRenderer.Render(TestSettings.For(), Image, ["/todo-api/a/KEY", "/todo-api/b/KEY"]));

        Assert.Contains("/todo-api/a/KEY and /todo-api/b/KEY would both be the secret KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/other/X")]
    [InlineData("/todo-apiX/Y")]
    [InlineData("/todo-api/")]
    public void A_parameter_outside_the_secrets_path_is_refused(string parameter)
    {
        Assert.Throws<ArgumentException>(() => TaskDefinitionRenderer.SecretVariableName(parameter, "/todo-api"));
    }

    [Fact]
    public void The_flat_format_renders_exactly_the_task_definition_of_the_old_deploy_scripts()
    {
        var request = TaskDefinitionRenderer.Render(TestSettings.Flat(), "123456789012.dkr.ecr.us-east-2.amazonaws.com/billing:v42", ["/billing/STRIPE_KEY", "/billing/DB_URL"]);

        // Issue 2, "The flat format": every member and value, nothing more.
        const string expected = """
            {
              "family": "billing",
              "taskRoleArn": "arn:aws:iam::123456789012:role/billing-task",
              "executionRoleArn": "arn:aws:iam::123456789012:role/billing-execution",
              "networkMode": "awsvpc",
              "containerDefinitions": [
                {
                  "name": "billing",
                  "image": "123456789012.dkr.ecr.us-east-2.amazonaws.com/billing:v42",
                  "portMappings": [
                    {
                      "containerPort": 5000,
                      "protocol": "tcp"
                    }
                  ],
                  "essential": true,
                  "secrets": [
                    {
                      "name": "DB_URL",
                      "valueFrom": "arn:aws:ssm:us-east-2:123456789012:parameter/billing/DB_URL"
                    },
                    {
                      "name": "STRIPE_KEY",
                      "valueFrom": "arn:aws:ssm:us-east-2:123456789012:parameter/billing/STRIPE_KEY"
                    }
                  ],
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                      "awslogs-group": "/aws/ecs/fargate/billing",
                      "awslogs-region": "us-east-2",
                      "awslogs-stream-prefix": "billing"
                    }
                  }
                }
              ],
              "requiresCompatibilities": [
                "FARGATE"
              ],
              "cpu": "256",
              "memory": "512"
            }
            """;
        Assert.Equal(expected, TaskDefinitionJson.Serialize(request));
    }

    [Fact]
    public void The_flat_format_without_parameters_has_no_secrets()
    {
        var request = TaskDefinitionRenderer.Render(TestSettings.Flat(), "img");

        Assert.Null(request.ContainerDefinitions[0].Secrets);
    }

    [Fact]
    public void Hand_built_renderings_satisfy_AWSs_model()
    {
        var model = AwsServiceModel.Load(RepositoryPaths.EcsModel);
        var full = TaskDefinitionRenderer.Render(
            TestSettings.For(env: new Dictionary<string, string> { ["A"] = "1" }, secrets: new Dictionary<string, string> { ["K"] = "/k" }),
            Image,
            ["/todo-api/P"]);
        var flat = TaskDefinitionRenderer.Render(TestSettings.Flat(), "img", ["/billing/P"]);

        Assert.Empty(model.Check(Json(full), "RegisterTaskDefinitionRequest"));
        Assert.Empty(model.Check(Json(flat), "RegisterTaskDefinitionRequest"));
    }
}
