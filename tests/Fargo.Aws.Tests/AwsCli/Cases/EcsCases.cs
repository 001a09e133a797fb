using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.Ecs;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class EcsCases
{
    private const string Cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/fargo-prod";
    private const string ServiceArn = "arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/todo-api";
    private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/fargo-prod/0f2c3b7e1a9d4c55b1e2a3f4c5d6e7f8";

    private static EcsJsonContext Ctx => EcsJsonContext.Default;

    private const string TaskDefinitionJson = """
        {"taskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:7","family":"todo-api","revision":7,
         "taskRoleArn":"arn:aws:iam::123456789012:role/todo-api-task","executionRoleArn":"arn:aws:iam::123456789012:role/todo-api-exec",
         "networkMode":"awsvpc","status":"ACTIVE","cpu":"256","memory":"512",
         "containerDefinitions":[{"name":"todo-api","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:4e1f","cpu":0,
           "portMappings":[{"containerPort":8080,"hostPort":8080,"protocol":"tcp","name":"http","appProtocol":"http"}],
           "essential":true,"environment":[{"name":"ASPNETCORE_ENVIRONMENT","value":"Production"}],"mountPoints":[],"volumesFrom":[],
           "secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:ssm:us-east-1:123456789012:parameter/todo-api/DB_PASSWORD"}],
           "healthCheck":{"command":["CMD-SHELL","curl -f http://localhost:8080/_health || exit 1"],"interval":10,"timeout":5,"retries":3,"startPeriod":30},
           "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/aws/ecs/fargate/todo-api","awslogs-region":"us-east-1","awslogs-stream-prefix":"todo-api"}}}],
         "volumes":[],"placementConstraints":[],
         "requiresAttributes":[{"name":"com.amazonaws.ecs.capability.logging-driver.awslogs"},{"name":"ecs.capability.execution-role-awslogs"}],
         "compatibilities":["EC2","FARGATE"],"requiresCompatibilities":["FARGATE"],
         "runtimePlatform":{"cpuArchitecture":"X86_64","operatingSystemFamily":"LINUX"},
         "registeredAt":1714558830.123,"registeredBy":"arn:aws:sts::123456789012:assumed-role/deployer/ci"}
        """;

    private const string ClusterJson = """
        {"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/fargo-prod","clusterName":"fargo-prod","status":"ACTIVE",
         "registeredContainerInstancesCount":0,"runningTasksCount":4,"pendingTasksCount":1,"activeServicesCount":2,
         "statistics":[],"tags":[{"key":"env","value":"prod"}],"settings":[{"name":"containerInsights","value":"enabled"}],
         "capacityProviders":["FARGATE","FARGATE_SPOT"],
         "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":1},{"capacityProvider":"FARGATE_SPOT","weight":3,"base":0}],
         "attachments":[],"attachmentsStatus":"UPDATE_COMPLETE"}
        """;

    private const string ServiceJson = """
        {"serviceArn":"arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/todo-api","serviceName":"todo-api",
         "clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/fargo-prod",
         "loadBalancers":[{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/todo-api/73e2d6bc24d8a067","containerName":"todo-api","containerPort":8080}],
         "serviceRegistries":[],"status":"ACTIVE","desiredCount":2,"runningCount":2,"pendingCount":0,"launchType":"FARGATE","platformVersion":"LATEST","platformFamily":"Linux",
         "taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:7",
         "deploymentConfiguration":{"deploymentCircuitBreaker":{"enable":true,"rollback":true},"maximumPercent":200,"minimumHealthyPercent":100},
         "deployments":[{"id":"ecs-svc/1234567890123456789","status":"PRIMARY","taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:7",
           "desiredCount":2,"pendingCount":0,"runningCount":2,"failedTasks":0,"createdAt":1714558830.5,"updatedAt":1714559012.25,"launchType":"FARGATE","platformVersion":"1.4.0","platformFamily":"Linux",
           "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1b2c3d","subnet-4e5f6a7b"],"securityGroups":["sg-0123abcd"],"assignPublicIp":"DISABLED"}},
           "rolloutState":"COMPLETED","rolloutStateReason":"ECS deployment ecs-svc/1234567890123456789 completed."}],
         "roleArn":"arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
         "events":[{"id":"a1b2c3d4-0000-4000-8000-000000000001","createdAt":1714559012.25,"message":"(service todo-api) has reached a steady state."},
                   {"id":"a1b2c3d4-0000-4000-8000-000000000002","createdAt":1714558900,"message":"(service todo-api) registered 2 targets in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/todo-api/73e2d6bc24d8a067)"}],
         "createdAt":1714000000.0,"placementConstraints":[],"placementStrategy":[],
         "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-0a1b2c3d","subnet-4e5f6a7b"],"securityGroups":["sg-0123abcd"],"assignPublicIp":"DISABLED"}},
         "healthCheckGracePeriodSeconds":30,"schedulingStrategy":"REPLICA","deploymentController":{"type":"ECS"},
         "createdBy":"arn:aws:iam::123456789012:role/deployer","enableECSManagedTags":true,"propagateTags":"SERVICE","enableExecuteCommand":false}
        """;

    private const string TaskJson = """
        {"attachments":[{"id":"c0ffee00-0000-4000-8000-000000000001","type":"ElasticNetworkInterface","status":"ATTACHED",
           "details":[{"name":"subnetId","value":"subnet-0a1b2c3d"},{"name":"privateIPv4Address","value":"10.0.1.23"}]}],
         "attributes":[{"name":"ecs.cpu-architecture","value":"x86_64"}],"availabilityZone":"us-east-1a",
         "clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/fargo-prod","connectivity":"CONNECTED","connectivityAt":1714558840.1,
         "containers":[{"containerArn":"arn:aws:ecs:us-east-1:123456789012:container/fargo-prod/0f2c/7a1e","taskArn":"arn:aws:ecs:us-east-1:123456789012:task/fargo-prod/0f2c3b7e1a9d4c55b1e2a3f4c5d6e7f8",
           "name":"todo-api","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:4e1f","imageDigest":"sha256:4e1f","runtimeId":"0f2c-123",
           "lastStatus":"STOPPED","exitCode":137,"reason":"OutOfMemoryError: Container killed due to memory usage",
           "networkBindings":[],"networkInterfaces":[{"attachmentId":"c0ffee00-0000-4000-8000-000000000001","privateIpv4Address":"10.0.1.23"}],
           "healthStatus":"UNHEALTHY","cpu":"0"}],
         "cpu":"256","createdAt":1714558830.0,"desiredStatus":"STOPPED","enableExecuteCommand":false,"group":"service:todo-api","healthStatus":"UNHEALTHY",
         "lastStatus":"STOPPED","launchType":"FARGATE","memory":"512",
         "overrides":{"containerOverrides":[{"name":"todo-api","command":["dotnet","TodoApi.dll","migrate"],"environment":[{"name":"MODE","value":"migrate"}]}],"inferenceAcceleratorOverrides":[]},
         "platformVersion":"1.4.0","platformFamily":"Linux","pullStartedAt":1714558845.2,"pullStoppedAt":1714558850.7,"startedAt":1714558852.0,
         "startedBy":"ecs-svc/1234567890123456789","stopCode":"EssentialContainerExited","stoppedAt":1714559100.0,
         "stoppedReason":"Essential container in task exited","stoppingAt":1714559090.0,"tags":[],
         "taskArn":"arn:aws:ecs:us-east-1:123456789012:task/fargo-prod/0f2c3b7e1a9d4c55b1e2a3f4c5d6e7f8",
         "taskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:7","version":5,"ephemeralStorage":{"sizeInGiB":20}}
        """;

    private static readonly NetworkConfiguration PrivateSubnets = new()
    {
        AwsvpcConfiguration = new AwsVpcConfiguration
        {
            Subnets = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
            SecurityGroups = ["sg-0123abcd"],
            AssignPublicIp = AssignPublicIp.Disabled,
        },
    };

    public static IEnumerable<CliCase> All()
    {
        yield return Case("RegisterTaskDefinition",
            new RegisterTaskDefinitionRequest
            {
                Family = "todo-api",
                TaskRoleArn = "arn:aws:iam::123456789012:role/todo-api-task",
                ExecutionRoleArn = "arn:aws:iam::123456789012:role/todo-api-exec",
                NetworkMode = NetworkMode.Awsvpc,
                RequiresCompatibilities = [Compatibility.Fargate],
                Cpu = "256",
                Memory = "512",
                RuntimePlatform = new RuntimePlatform { CpuArchitecture = CpuArchitecture.X64, OperatingSystemFamily = OSFamily.Linux },
                ContainerDefinitions =
                [
                    new ContainerDefinition
                    {
                        Name = "todo-api",
                        Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api@sha256:4e1f",
                        Essential = true,
                        PortMappings = [new PortMapping { ContainerPort = 8080, Protocol = TransportProtocol.Tcp, Name = "http", AppProtocol = ApplicationProtocol.Http }],
                        Environment = [new Ecs.KeyValuePair { Name = "ASPNETCORE_ENVIRONMENT", Value = "Production" }],
                        Secrets = [new Secret { Name = "DB_PASSWORD", ValueFrom = "arn:aws:ssm:us-east-1:123456789012:parameter/todo-api/DB_PASSWORD" }],
                        HealthCheck = new HealthCheck { Command = ["CMD-SHELL", "curl -f http://localhost:8080/_health || exit 1"], Interval = 10, Timeout = 5, Retries = 3, StartPeriod = 30 },
                        LogConfiguration = new LogConfiguration
                        {
                            LogDriver = LogDriver.Awslogs,
                            Options = new Dictionary<string, string>
                            {
                                ["awslogs-group"] = "/aws/ecs/fargate/todo-api",
                                ["awslogs-region"] = "us-east-1",
                                ["awslogs-stream-prefix"] = "todo-api",
                            },
                        },
                        StopTimeout = 30,
                        ReadonlyRootFilesystem = false,
                        Ulimits = [new Ulimit { Name = UlimitName.Nofile, SoftLimit = 65536, HardLimit = 65536 }],
                        DockerLabels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "r254" },
                    },
                ],
                Tags = [new Tag { Key = "service", Value = "todo-api" }],
                EphemeralStorage = new EphemeralStorage { SizeInGiB = 30 },
            },
            Ctx.RegisterTaskDefinitionRequest, Ctx.RegisterTaskDefinitionResponse, (c, r, ct) => c.RegisterTaskDefinitionAsync(r, ct),
            $$"""{"taskDefinition":{{TaskDefinitionJson}},"tags":[{"key":"service","value":"todo-api"}]}""");

        yield return Case("DescribeTaskDefinition",
            new DescribeTaskDefinitionRequest { TaskDefinition = "todo-api:7", Include = [TaskDefinitionField.Tags] },
            Ctx.DescribeTaskDefinitionRequest, Ctx.DescribeTaskDefinitionResponse, (c, r, ct) => c.DescribeTaskDefinitionAsync(r, ct),
            $$"""{"taskDefinition":{{TaskDefinitionJson}},"tags":[{"key":"service","value":"todo-api"}]}""",
            ["--task-definition", "todo-api:7", "--include", "TAGS"]);

        yield return Case("ListTaskDefinitions",
            new ListTaskDefinitionsRequest { FamilyPrefix = "todo-api", Status = TaskDefinitionStatus.Active, Sort = SortOrder.Desc, MaxResults = 2 },
            Ctx.ListTaskDefinitionsRequest, Ctx.ListTaskDefinitionsResponse, (c, r, ct) => c.ListTaskDefinitionsAsync(r, ct),
            """{"taskDefinitionArns":["arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:7","arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:6"],"nextToken":"eyJlbmNyeXB0ZWREYXRhIjpbXX0="}""");

        yield return Case("DeregisterTaskDefinition",
            new DeregisterTaskDefinitionRequest { TaskDefinition = "todo-api:6" },
            Ctx.DeregisterTaskDefinitionRequest, Ctx.DeregisterTaskDefinitionResponse, (c, r, ct) => c.DeregisterTaskDefinitionAsync(r, ct),
            $$"""{"taskDefinition":{{TaskDefinitionJson.Replace("\"status\":\"ACTIVE\"", "\"status\":\"INACTIVE\",\"deregisteredAt\":1714600000.75", StringComparison.Ordinal)}}}""");

        yield return Case("CreateCluster",
            new CreateClusterRequest
            {
                ClusterName = "fargo-prod",
                Tags = [new Tag { Key = "env", Value = "prod" }],
                Settings = [new ClusterSetting { Name = ClusterSettingName.ContainerInsights, Value = "enabled" }],
                CapacityProviders = ["FARGATE", "FARGATE_SPOT"],
                DefaultCapacityProviderStrategy =
                [
                    new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1, Base = 1 },
                    new CapacityProviderStrategyItem { CapacityProvider = "FARGATE_SPOT", Weight = 3 },
                ],
            },
            Ctx.CreateClusterRequest, Ctx.CreateClusterResponse, (c, r, ct) => c.CreateClusterAsync(r, ct),
            $$"""{"cluster":{{ClusterJson}}}""");

        yield return Case("DescribeClusters",
            new DescribeClustersRequest { Clusters = ["fargo-prod", "fargo-missing"], Include = [ClusterField.Settings, ClusterField.Tags] },
            Ctx.DescribeClustersRequest, Ctx.DescribeClustersResponse, (c, r, ct) => c.DescribeClustersAsync(r, ct),
            $$"""{"clusters":[{{ClusterJson}}],"failures":[{"arn":"arn:aws:ecs:us-east-1:123456789012:cluster/fargo-missing","reason":"MISSING"}]}""",
            ["--clusters", "fargo-prod", "fargo-missing", "--include", "SETTINGS", "TAGS"]);

        yield return Case("ListClusters",
            new ListClustersRequest { MaxResults = 5 },
            Ctx.ListClustersRequest, Ctx.ListClustersResponse, (c, r, ct) => c.ListClustersAsync(r, ct),
            """{"clusterArns":["arn:aws:ecs:us-east-1:123456789012:cluster/fargo-prod","arn:aws:ecs:us-east-1:123456789012:cluster/default"]}""",
            ["--max-results", "5"]);

        yield return Case("DeleteCluster",
            new DeleteClusterRequest { Cluster = "fargo-prod" },
            Ctx.DeleteClusterRequest, Ctx.DeleteClusterResponse, (c, r, ct) => c.DeleteClusterAsync(r, ct),
            $$"""{"cluster":{{ClusterJson.Replace("\"ACTIVE\"", "\"INACTIVE\"", StringComparison.Ordinal)}}}""");

        yield return Case("CreateService",
            new CreateServiceRequest
            {
                Cluster = "fargo-prod",
                ServiceName = "todo-api",
                TaskDefinition = "todo-api:7",
                DesiredCount = 2,
                LaunchType = LaunchType.Fargate,
                PlatformVersion = "LATEST",
                LoadBalancers =
                [
                    new LoadBalancer
                    {
                        TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/todo-api/73e2d6bc24d8a067",
                        ContainerName = "todo-api",
                        ContainerPort = 8080,
                    },
                ],
                DeploymentConfiguration = new DeploymentConfiguration
                {
                    DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
                    MaximumPercent = 200,
                    MinimumHealthyPercent = 100,
                },
                NetworkConfiguration = PrivateSubnets,
                HealthCheckGracePeriodSeconds = 30,
                SchedulingStrategy = SchedulingStrategy.Replica,
                DeploymentController = new DeploymentController { Type = DeploymentControllerType.Ecs },
                EnableECSManagedTags = true,
                PropagateTags = PropagateTags.Service,
                Tags = [new Tag { Key = "service", Value = "todo-api" }],
                ClientToken = "fargo-7f3a",
            },
            Ctx.CreateServiceRequest, Ctx.CreateServiceResponse, (c, r, ct) => c.CreateServiceAsync(r, ct),
            $$"""{"service":{{ServiceJson}}}""");

        yield return Case("UpdateService",
            new UpdateServiceRequest
            {
                Cluster = "fargo-prod",
                Service = "todo-api",
                TaskDefinition = "todo-api:8",
                DesiredCount = 3,
                ForceNewDeployment = true,
                DeploymentConfiguration = new DeploymentConfiguration
                {
                    DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
                    MaximumPercent = 200,
                    MinimumHealthyPercent = 100,
                },
                HealthCheckGracePeriodSeconds = 45,
            },
            Ctx.UpdateServiceRequest, Ctx.UpdateServiceResponse, (c, r, ct) => c.UpdateServiceAsync(r, ct),
            $$"""{"service":{{ServiceJson}}}""");

        yield return Case("DescribeServices",
            new DescribeServicesRequest { Cluster = "fargo-prod", Services = ["todo-api", "gone"], Include = [ServiceField.Tags] },
            Ctx.DescribeServicesRequest, Ctx.DescribeServicesResponse, (c, r, ct) => c.DescribeServicesAsync(r, ct),
            $$"""{"services":[{{ServiceJson}}],"failures":[{"arn":"arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/gone","reason":"MISSING","detail":"no such service"}]}""");

        yield return Case("ListServices",
            new ListServicesRequest { Cluster = "fargo-prod", LaunchType = LaunchType.Fargate, SchedulingStrategy = SchedulingStrategy.Replica, MaxResults = 10 },
            Ctx.ListServicesRequest, Ctx.ListServicesResponse, (c, r, ct) => c.ListServicesAsync(r, ct),
            """{"serviceArns":["arn:aws:ecs:us-east-1:123456789012:service/fargo-prod/todo-api"],"nextToken":"next-page-2"}""");

        yield return Case("DeleteService",
            new DeleteServiceRequest { Cluster = "fargo-prod", Service = "todo-api", Force = true },
            Ctx.DeleteServiceRequest, Ctx.DeleteServiceResponse, (c, r, ct) => c.DeleteServiceAsync(r, ct),
            $$"""{"service":{{ServiceJson.Replace("\"status\":\"ACTIVE\"", "\"status\":\"DRAINING\"", StringComparison.Ordinal)}}}""",
            ["--cluster", "fargo-prod", "--service", "todo-api", "--force"]);

        yield return Case("RunTask",
            new RunTaskRequest
            {
                Cluster = "fargo-prod",
                TaskDefinition = "todo-api:7",
                Count = 1,
                LaunchType = LaunchType.Fargate,
                NetworkConfiguration = PrivateSubnets,
                StartedBy = "fargo-run",
                Overrides = new TaskOverride
                {
                    ContainerOverrides =
                    [
                        new ContainerOverride
                        {
                            Name = "todo-api",
                            Command = ["dotnet", "TodoApi.dll", "migrate"],
                            Environment = [new Ecs.KeyValuePair { Name = "MODE", Value = "migrate" }],
                            Cpu = 128,
                        },
                    ],
                    Memory = "1024",
                },
                EnableExecuteCommand = false,
                Tags = [new Tag { Key = "purpose", Value = "migration" }],
            },
            Ctx.RunTaskRequest, Ctx.RunTaskResponse, (c, r, ct) => c.RunTaskAsync(r, ct),
            $$"""{"tasks":[{{TaskJson}}],"failures":[]}""");

        yield return Case("StopTask",
            new StopTaskRequest { Cluster = "fargo-prod", Task = TaskArn, Reason = "Stopped by fargo rollback" },
            Ctx.StopTaskRequest, Ctx.StopTaskResponse, (c, r, ct) => c.StopTaskAsync(r, ct),
            $$"""{"task":{{TaskJson}}}""",
            ["--cluster", "fargo-prod", "--task", TaskArn, "--reason", "Stopped by fargo rollback"]);

        yield return Case("ListTasks",
            new ListTasksRequest { Cluster = "fargo-prod", ServiceName = "todo-api", DesiredStatus = DesiredStatus.Running, MaxResults = 100 },
            Ctx.ListTasksRequest, Ctx.ListTasksResponse, (c, r, ct) => c.ListTasksAsync(r, ct),
            $$"""{"taskArns":["{{TaskArn}}"]}""",
            ["--cluster", "fargo-prod", "--service-name", "todo-api", "--desired-status", "RUNNING", "--max-results", "100"]);

        yield return Case("DescribeTasks",
            new DescribeTasksRequest { Cluster = Cluster, Tasks = [TaskArn], Include = [TaskField.Tags] },
            Ctx.DescribeTasksRequest, Ctx.DescribeTasksResponse, (c, r, ct) => c.DescribeTasksAsync(r, ct),
            $$"""{"tasks":[{{TaskJson}}],"failures":[]}""");

        yield return Case("TagResource",
            new TagResourceRequest { ResourceArn = ServiceArn, Tags = [new Tag { Key = "env", Value = "prod" }, new Tag { Key = "owner", Value = "platform" }] },
            Ctx.TagResourceRequest, Ctx.TagResourceResponse, (c, r, ct) => c.TagResourceAsync(r, ct),
            "{}",
            ["--resource-arn", ServiceArn, "--tags", "key=env,value=prod", "key=owner,value=platform"]);

        yield return Case("PutClusterCapacityProviders",
            new PutClusterCapacityProvidersRequest
            {
                Cluster = "fargo-prod",
                CapacityProviders = ["FARGATE", "FARGATE_SPOT"],
                DefaultCapacityProviderStrategy =
                [
                    new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1, Base = 1 },
                    new CapacityProviderStrategyItem { CapacityProvider = "FARGATE_SPOT", Weight = 3 },
                ],
            },
            Ctx.PutClusterCapacityProvidersRequest, Ctx.PutClusterCapacityProvidersResponse, (c, r, ct) => c.PutClusterCapacityProvidersAsync(r, ct),
            $$"""{"cluster":{{ClusterJson}}}""",
            ["--cluster", "fargo-prod", "--capacity-providers", "FARGATE", "FARGATE_SPOT",
             "--default-capacity-provider-strategy", "capacityProvider=FARGATE,weight=1,base=1", "capacityProvider=FARGATE_SPOT,weight=3"]);

        yield return Case("UntagResource",
            new UntagResourceRequest { ResourceArn = ServiceArn, TagKeys = ["owner", "env"] },
            Ctx.UntagResourceRequest, Ctx.UntagResourceResponse, (c, r, ct) => c.UntagResourceAsync(r, ct),
            "{}",
            ["--resource-arn", ServiceArn, "--tag-keys", "owner", "env"]);

        yield return Case("ListTagsForResource",
            new ListTagsForResourceRequest { ResourceArn = TaskArn },
            Ctx.ListTagsForResourceRequest, Ctx.ListTagsForResourceResponse, (c, r, ct) => c.ListTagsForResourceAsync(r, ct),
            """{"tags":[{"key":"env","value":"prod"},{"key":"aws:ecs:serviceName","value":"todo-api"}]}""",
            ["--resource-arn", TaskArn]);

        yield return Case("UpdateCluster",
            new UpdateClusterRequest
            {
                Cluster = "fargo-prod",
                Settings = [new ClusterSetting { Name = ClusterSettingName.ContainerInsights, Value = "enabled" }],
                Configuration = new ClusterConfiguration
                {
                    ExecuteCommandConfiguration = new ExecuteCommandConfiguration
                    {
                        Logging = ExecuteCommandLogging.Override,
                        LogConfiguration = new ExecuteCommandLogConfiguration { CloudWatchLogGroupName = "/ecs/fargo-prod/exec", CloudWatchEncryptionEnabled = true },
                    },
                },
            },
            Ctx.UpdateClusterRequest, Ctx.UpdateClusterResponse, (c, r, ct) => c.UpdateClusterAsync(r, ct),
            $$"""{"cluster":{{ClusterJson.Replace("\"attachments\":[]", "\"configuration\":{\"executeCommandConfiguration\":{\"logging\":\"OVERRIDE\",\"logConfiguration\":{\"cloudWatchLogGroupName\":\"/ecs/fargo-prod/exec\",\"cloudWatchEncryptionEnabled\":true}}},\"attachments\":[]", StringComparison.Ordinal)}}}""");

        yield return Case("UpdateClusterSettings",
            new UpdateClusterSettingsRequest { Cluster = Cluster, Settings = [new ClusterSetting { Name = ClusterSettingName.ContainerInsights, Value = "enabled" }] },
            Ctx.UpdateClusterSettingsRequest, Ctx.UpdateClusterSettingsResponse, (c, r, ct) => c.UpdateClusterSettingsAsync(r, ct),
            $$"""{"cluster":{{ClusterJson}}}""",
            ["--cluster", Cluster, "--settings", "name=containerInsights,value=enabled"]);

        foreach (var capacityProviderCase in CapacityProviderCases())
        {
            yield return capacityProviderCase;
        }
    }

    private const string AutoScalingGroupArn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:57ffcb94-11f0-4d6d-bf60-3bac5EXAMPLE:autoScalingGroupName/fargo-ec2";

    // No managedDraining here: the AWS CLI these cases run against (Debian's 2.9) predates it and rejects or drops it.
    private const string CapacityProviderJson = """
        {"capacityProviderArn":"arn:aws:ecs:us-east-1:123456789012:capacity-provider/fargo-ec2","name":"fargo-ec2","status":"ACTIVE",
         "autoScalingGroupProvider":{"autoScalingGroupArn":"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:57ffcb94-11f0-4d6d-bf60-3bac5EXAMPLE:autoScalingGroupName/fargo-ec2",
           "managedScaling":{"status":"ENABLED","targetCapacity":90,"minimumScalingStepSize":1,"maximumScalingStepSize":10000,"instanceWarmupPeriod":300},
           "managedTerminationProtection":"DISABLED"},
         "tags":[{"key":"team","value":"platform"}]}
        """;

    private static IEnumerable<CliCase> CapacityProviderCases()
    {
        yield return Case("CreateCapacityProvider",
            new CreateCapacityProviderRequest
            {
                Name = "fargo-ec2",
                AutoScalingGroupProvider = new AutoScalingGroupProvider
                {
                    AutoScalingGroupArn = AutoScalingGroupArn,
                    ManagedScaling = new ManagedScaling { Status = ManagedScalingStatus.Enabled, TargetCapacity = 90 },
                    ManagedTerminationProtection = ManagedTerminationProtection.Disabled,
                },
                Tags = [new Tag { Key = "team", Value = "platform" }],
            },
            Ctx.CreateCapacityProviderRequest, Ctx.CreateCapacityProviderResponse, (c, r, ct) => c.CreateCapacityProviderAsync(r, ct),
            $$"""{"capacityProvider":{{CapacityProviderJson}}}""",
            ["--name", "fargo-ec2",
             "--auto-scaling-group-provider", $"autoScalingGroupArn={AutoScalingGroupArn},managedScaling={{status=ENABLED,targetCapacity=90}},managedTerminationProtection=DISABLED",
             "--tags", "key=team,value=platform"]);

        yield return Case("DescribeCapacityProviders",
            new DescribeCapacityProvidersRequest { CapacityProviders = ["fargo-ec2", "FARGATE"], Include = [CapacityProviderField.Tags], MaxResults = 5 },
            Ctx.DescribeCapacityProvidersRequest, Ctx.DescribeCapacityProvidersResponse, (c, r, ct) => c.DescribeCapacityProvidersAsync(r, ct),
            $$"""{"capacityProviders":[{{CapacityProviderJson}},{"capacityProviderArn":"arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE","name":"FARGATE","status":"ACTIVE","tags":[]}],"failures":[]}""",
            ["--capacity-providers", "fargo-ec2", "FARGATE", "--include", "TAGS", "--max-results", "5"]);

        yield return Case("UpdateCapacityProvider",
            new UpdateCapacityProviderRequest
            {
                Name = "fargo-ec2",
                AutoScalingGroupProvider = new AutoScalingGroupProviderUpdate { ManagedScaling = new ManagedScaling { TargetCapacity = 90 }, ManagedTerminationProtection = ManagedTerminationProtection.Disabled },
            },
            Ctx.UpdateCapacityProviderRequest, Ctx.UpdateCapacityProviderResponse, (c, r, ct) => c.UpdateCapacityProviderAsync(r, ct),
            $$"""{"capacityProvider":{{CapacityProviderJson.Replace("\"tags\"", "\"updateStatus\":\"UPDATE_COMPLETE\",\"tags\"", StringComparison.Ordinal)}}}""",
            ["--name", "fargo-ec2", "--auto-scaling-group-provider", "managedScaling={targetCapacity=90},managedTerminationProtection=DISABLED"]);

        yield return Case("DeleteCapacityProvider",
            new DeleteCapacityProviderRequest { CapacityProvider = "fargo-ec2" },
            Ctx.DeleteCapacityProviderRequest, Ctx.DeleteCapacityProviderResponse, (c, r, ct) => c.DeleteCapacityProviderAsync(r, ct),
            $$"""{"capacityProvider":{{CapacityProviderJson.Replace("\"ACTIVE\"", "\"ACTIVE\",\"updateStatus\":\"DELETE_IN_PROGRESS\"", StringComparison.Ordinal)}}}""",
            ["--capacity-provider", "fargo-ec2"]);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<EcsClient, TRequest, CancellationToken, Task<TResponse>> call,
        string responseBody,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.Ecs, "ecs", operation, request, requestType, responseType,
            (http, r, ct) => call(new EcsClient(http), r, ct), Canned.Json(responseBody), cliArguments);
}
