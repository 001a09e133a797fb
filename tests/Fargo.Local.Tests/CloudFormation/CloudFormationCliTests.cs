using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// The local region's CloudFormation driven by the official AWS CLI, as a user drives AWS: deploy of a hand-written
/// template gives a service that answers through the load balancer; a second deploy updates in place; a template
/// with an unresolved Ref is refused before anything is made; a service that never starts rolls the stack back;
/// an export in use cannot be deleted; delete-stack removes the rest.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CloudFormationCliTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task Deploy_runs_the_service_behind_the_load_balancer_a_second_deploy_updates_in_place_and_delete_removes_it()
    {
        var port = FreePort();
        var template = Write("web.yaml", WebStackTemplate.Yaml);

        var deployed = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", "web", "--template-file", template,
            "--capabilities", "CAPABILITY_IAM", "--parameter-overrides", $"Image={engine.TestServiceImage}", $"ListenerPort={port}");

        Assert.True(deployed.ExitCode == 0, deployed.ToString() + await EventsAsync("web"));
        var stack = await DescribeStackAsync("web");
        Assert.Equal("CREATE_COMPLETE", stack.GetProperty("StackStatus").GetString());
        var secretArn = Output(stack, "SecretArn");
        var secret = await engine.AwsAsync("secretsmanager", "get-secret-value", "--secret-id", secretArn);
        Assert.True(secret.ExitCode == 0, secret.ToString());
        var key = JsonDocument.Parse(secret.Json().GetProperty("SecretString").GetString()!).RootElement.GetProperty("key").GetString();
        Assert.Equal(24, key!.Length);
        // Each load balancer has a loopback address of its own: read it as a user would, not assume 127.0.0.1.
        var url = await LoadBalancerUrlAsync("web", port);
        var answer = await GetAsync(url);
        Assert.Equal("web-v1", answer.GetProperty("version").GetString());
        Assert.Equal(key, answer.GetProperty("secret").GetString());

        var updated = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", "web", "--template-file", template,
            "--capabilities", "CAPABILITY_IAM", "--parameter-overrides", $"Image={engine.TestServiceImage}", $"ListenerPort={port}", "DesiredCount=2", "HealthPath=/healthz");

        Assert.True(updated.ExitCode == 0, updated.ToString() + await EventsAsync("web"));
        Assert.Equal("UPDATE_COMPLETE", (await DescribeStackAsync("web")).GetProperty("StackStatus").GetString());
        var events = await StackEventsAsync("web");
        Assert.Contains(events, e => e.Logical == "Service" && e.Status == "UPDATE_COMPLETE");
        Assert.Contains(events, e => e.Logical == "TargetGroup" && e.Status == "UPDATE_COMPLETE");
        Assert.DoesNotContain(events, e => e.Reason?.Contains("requires the creation of a new physical resource", StringComparison.Ordinal) == true);
        var service = await engine.AwsAsync("ecs", "describe-services", "--cluster", "web-cluster", "--services", "web");
        Assert.Equal(2, service.Json().GetProperty("services")[0].GetProperty("desiredCount").GetInt32());
        var targetGroupArn = (await ResourceAsync("web", "TargetGroup")).GetProperty("PhysicalResourceId").GetString()!;
        var group = await engine.AwsAsync("elbv2", "describe-target-groups", "--target-group-arns", targetGroupArn);
        Assert.Equal("/healthz", group.Json().GetProperty("TargetGroups")[0].GetProperty("HealthCheckPath").GetString());
        var tasks = await engine.AwsAsync("ecs", "list-tasks", "--cluster", "web-cluster", "--service-name", "web");
        Assert.Equal(2, tasks.Json().GetProperty("taskArns").GetArrayLength());

        // The export is in use: the stack cannot be deleted until its importer is gone.
        // (The waiters of `aws cloudformation wait` poll every 30 s; the test polls DescribeStacks itself to stay quick.)
        var importer = await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", "importer", "--template-body", WebStackTemplate.Importer);
        Assert.True(importer.ExitCode == 0, importer.ToString());
        Assert.Equal("CREATE_COMPLETE", await SettledStatusAsync("importer"));
        var imports = await engine.AwsAsync("cloudformation", "list-imports", "--export-name", "web-cluster");
        Assert.Equal(["importer"], imports.Json().GetProperty("Imports").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(0, (await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "web")).ExitCode);
        Assert.Equal("DELETE_FAILED", await SettledStatusAsync("web"));
        var blocked = await DescribeStackAsync("web");
        Assert.Equal("DELETE_FAILED", blocked.GetProperty("StackStatus").GetString());
        Assert.Equal("Export web-cluster cannot be deleted as it is in use by importer", blocked.GetProperty("StackStatusReason").GetString());
        Assert.Equal(200, (await GetStatusAsync(url)));

        var importerId = (await DescribeStackAsync("importer")).GetProperty("StackId").GetString()!;
        Assert.Equal(0, (await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "importer")).ExitCode);
        Assert.Equal("DELETE_COMPLETE", await SettledStatusAsync(importerId));
        Assert.Equal(0, (await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "web")).ExitCode);
        Assert.Equal("DELETE_COMPLETE", await SettledStatusAsync(stack.GetProperty("StackId").GetString()!));

        var gone = await engine.AwsAsync("ecs", "describe-clusters", "--clusters", "web-cluster");
        Assert.Equal("INACTIVE", gone.Json().GetProperty("clusters")[0].GetProperty("status").GetString());
        Assert.NotEqual(0, (await engine.AwsAsync("secretsmanager", "describe-secret", "--secret-id", secretArn)).ExitCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetStatusAsync(url));
        var described = await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "web");
        Assert.Contains("Stack with id web does not exist", described.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_with_an_unresolved_Ref_is_refused_before_anything_is_made()
    {
        var deploy = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", "broken", "--template-file", Write("broken.yaml", WebStackTemplate.UnresolvedRef));

        Assert.NotEqual(0, deploy.ExitCode);
        Assert.Contains("Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template", deploy.Error, StringComparison.Ordinal);
        var described = await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "broken");
        Assert.Contains("Stack with id broken does not exist", described.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_never_starts_rolls_the_stack_back_with_CloudFormations_events()
    {
        var created = await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", "doomed", "--template-body", WebStackTemplate.Yaml,
            "--parameters", $"ParameterKey=Image,ParameterValue={engine.TestServiceImage}", $"ParameterKey=ListenerPort,ParameterValue={FreePort()}",
            "ParameterKey=Mode,ParameterValue=exit", "--capabilities", "CAPABILITY_IAM");
        Assert.True(created.ExitCode == 0, created.ToString());

        var stackId = created.Json().GetProperty("StackId").GetString()!;

        Assert.Equal("ROLLBACK_COMPLETE", await SettledStatusAsync(stackId, TimeSpan.FromSeconds(90)));
        var events = await StackEventsAsync("doomed");
        var failed = Assert.Single(events, e => e.Status == "CREATE_FAILED" && e.Logical == "Service");
        Assert.Contains("ECS Deployment Circuit Breaker was triggered", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Logical == "doomed" && e.Status == "ROLLBACK_IN_PROGRESS"
            && e.Reason == "The following resource(s) failed to create: [Service]. Rollback requested by user.");
        Assert.Contains(events, e => e.Logical == "Cluster" && e.Status == "DELETE_COMPLETE");
        Assert.Contains(events, e => e.Logical == "TaskDefinition" && e.Status == "CREATE_IN_PROGRESS" && e.Reason == "Resource creation Initiated");
        Assert.Equal(("doomed", "ROLLBACK_COMPLETE"), (events[0].Logical, events[0].Status));
        Assert.Equal(new EventLine("doomed", "CREATE_IN_PROGRESS", "User Initiated"), events[^1]);

        var updated = await engine.AwsAsync("cloudformation", "update-stack", "--stack-name", "doomed", "--use-previous-template");
        Assert.Contains("is in ROLLBACK_COMPLETE state and can not be updated.", updated.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "doomed")).ExitCode);
        Assert.Equal("DELETE_COMPLETE", await SettledStatusAsync(stackId));
    }

    [Fact]
    public async Task A_service_in_an_existing_cluster_fails_as_on_AWS_while_the_cluster_is_missing_and_leaves_the_cluster_alone()
    {
        const string cluster = "platform-shared";
        var template = $$"""
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: shared-svc
                  NetworkMode: awsvpc
                  RequiresCompatibilities: [FARGATE]
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - Name: shared-svc
                      Image: {{engine.TestServiceImage}}
                      Essential: true
              Service:
                Type: AWS::ECS::Service
                Properties:
                  ServiceName: shared-svc
                  Cluster: {{cluster}}
                  LaunchType: FARGATE
                  DesiredCount: 0
                  TaskDefinition: !Ref TaskDefinition
                  NetworkConfiguration:
                    AwsvpcConfiguration:
                      Subnets: [subnet-0123456789abcdef0]
                      SecurityGroups: [sg-0123456789abcdef0, sg-89abcdef]
            """;

        var missing = await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", "in-missing-cluster", "--template-body", template);
        Assert.True(missing.ExitCode == 0, missing.ToString());
        Assert.Equal("ROLLBACK_COMPLETE", await SettledStatusAsync("in-missing-cluster"));
        var failed = Assert.Single(await StackEventsAsync("in-missing-cluster"), e => e.Status == "CREATE_FAILED" && e.Logical == "Service");
        Assert.Contains("Cluster not found.", failed.Reason, StringComparison.Ordinal);

        Assert.Equal(0, (await engine.AwsAsync("ecs", "create-cluster", "--cluster-name", cluster)).ExitCode);
        var existing = await engine.AwsAsync("cloudformation", "create-stack", "--stack-name", "in-existing-cluster", "--template-body", template);
        Assert.True(existing.ExitCode == 0, existing.ToString());
        Assert.Equal("CREATE_COMPLETE", await SettledStatusAsync("in-existing-cluster"));
        var service = (await engine.AwsAsync("ecs", "describe-services", "--cluster", cluster, "--services", "shared-svc")).Json().GetProperty("services")[0];
        Assert.Equal(
            ["sg-0123456789abcdef0", "sg-89abcdef"],
            service.GetProperty("networkConfiguration").GetProperty("awsvpcConfiguration").GetProperty("securityGroups").EnumerateArray().Select(g => g.GetString()));

        Assert.Equal(0, (await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "in-existing-cluster")).ExitCode);
        Assert.Equal("DELETE_COMPLETE", await SettledStatusAsync(existing.Json().GetProperty("StackId").GetString()!));
        var clusters = (await engine.AwsAsync("ecs", "describe-clusters", "--clusters", cluster)).Json().GetProperty("clusters");
        Assert.Equal("ACTIVE", clusters[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("qa/fargo-qa.template.json")]
    [InlineData("qa/fargo-qa-todo-api.template.json")]
    [InlineData("prod/fargo-prod.template.json")]
    [InlineData("prod/fargo-prod-todo-api.template.json")]
    [InlineData("qa-access-pipeline/fargo-qa-todo-api-deploy-access.template.json")]
    [InlineData("prod-access/fargo-prod-todo-api-deploy-access.template.json")]
    [InlineData("pipeline/fargo-todo-api-pipeline.template.json")]
    public async Task The_examples_synthesized_templates_pass_ValidateTemplate(string snapshot)
    {
        var path = RepositoryRoot.Combine("tests", "Fargo.Infrastructure.Tests", "Snapshots", snapshot);

        var validated = await engine.AwsAsync("cloudformation", "validate-template", "--template-body", "file://" + path);

        Assert.True(validated.ExitCode == 0, validated.ToString());
        var summary = await engine.AwsAsync("cloudformation", "get-template-summary", "--template-body", "file://" + path);
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.NotEmpty(summary.Json().GetProperty("ResourceTypes").EnumerateArray());
    }

    private sealed record EventLine(string Logical, string Status, string? Reason);

    private string Write(string name, string text)
    {
        var path = Path.Combine(engine.WorkDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<JsonElement> DescribeStackAsync(string name)
    {
        var described = await engine.AwsAsync("cloudformation", "describe-stacks", "--stack-name", name);
        Assert.True(described.ExitCode == 0, described.ToString());
        return described.Json().GetProperty("Stacks")[0];
    }

    /// <summary>Polls DescribeStacks until the stack's status no longer ends in _IN_PROGRESS; answers that status.</summary>
    private async Task<string> SettledStatusAsync(string nameOrId, TimeSpan? timeout = null)
    {
        var stack = await Eventually.UntilAsync(
            () => DescribeStackAsync(nameOrId),
            s => !s.GetProperty("StackStatus").GetString()!.EndsWith("_IN_PROGRESS", StringComparison.Ordinal),
            timeout ?? TimeSpan.FromSeconds(60),
            $"stack {nameOrId} to settle",
            s => s.ToString());
        return stack.GetProperty("StackStatus").GetString()!;
    }

    private async Task<JsonElement> ResourceAsync(string stack, string logicalId)
    {
        var described = await engine.AwsAsync("cloudformation", "describe-stack-resource", "--stack-name", stack, "--logical-resource-id", logicalId);
        Assert.True(described.ExitCode == 0, described.ToString());
        return described.Json().GetProperty("StackResourceDetail");
    }

    private async Task<List<EventLine>> StackEventsAsync(string stack)
    {
        var described = await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", stack);
        Assert.True(described.ExitCode == 0, described.ToString());
        return described.Json().GetProperty("StackEvents").EnumerateArray()
            .Select(e => new EventLine(e.GetProperty("LogicalResourceId").GetString()!, e.GetProperty("ResourceStatus").GetString()!,
                e.TryGetProperty("ResourceStatusReason", out var reason) ? reason.GetString() : null))
            .ToList();
    }

    private async Task<string> EventsAsync(string stack)
    {
        var described = await engine.AwsAsync("cloudformation", "describe-stack-events", "--stack-name", stack);
        return "\nevents:\n" + described.Out;
    }

    private static string Output(JsonElement stack, string key) =>
        stack.GetProperty("Outputs").EnumerateArray().Single(o => o.GetProperty("OutputKey").GetString() == key).GetProperty("OutputValue").GetString()!;

    private async Task<string> LoadBalancerUrlAsync(string stack, int port)
    {
        var arn = (await ResourceAsync(stack, "LoadBalancer")).GetProperty("PhysicalResourceId").GetString()!;
        var described = await engine.AwsAsync("elbv2", "describe-load-balancers", "--load-balancer-arns", arn);
        var address = described.Json().GetProperty("LoadBalancers")[0].GetProperty("AvailabilityZones")[0].GetProperty("LoadBalancerAddresses")[0].GetProperty("IpAddress").GetString();
        return $"http://{address}:{port}/";
    }

    private static async Task<JsonElement> GetAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(url));
                    return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : default;
                }
                catch (HttpRequestException)
                {
                    return default;
                }
            },
            answer => answer.ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(60),
            $"{url} to answer through the load balancer",
            answer => answer.ToString());
    }

    private static async Task<int> GetStatusAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(url));
        return (int)response.StatusCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
