using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>The service stacks of the example's prod (every option) and qa (the cheap choices).</summary>
[Collection(CdkCollection.Name)]
public sealed class ServiceStackTests(SynthesisFixture synthesis)
{
    private static readonly object HasLiveImage = O(("Condition", "HasLiveImage"));

    [Fact]
    public void Repository_scans_on_push_keeps_tags_immutable_and_expires_old_images()
    {
        var prod = synthesis.Prod;
        prod.Service.HasResourceProperties("AWS::ECR::Repository", Like(
            ("RepositoryName", prod.Settings.Names.Repository),
            ("ImageScanningConfiguration", O(("ScanOnPush", true))),
            ("ImageTagMutability", "IMMUTABLE")));

        var repository = Assert.Single(SynthesizedEnvironment.Resources(prod.ServiceJson, "AWS::ECR::Repository")).Value;
        var policy = JsonNode.Parse((string)repository["Properties"]!["LifecyclePolicy"]!["LifecyclePolicyText"]!)!;
        var rules = policy["rules"]!.AsArray();
        Assert.Contains(rules, rule => (string?)rule!["selection"]!["tagStatus"] == "untagged" && (string?)rule["selection"]!["countType"] == "sinceImagePushed");
        Assert.Contains(rules, rule => (string?)rule!["selection"]!["tagStatus"] == "any" && (int?)rule["selection"]!["countNumber"] == 200);
    }

    [Fact]
    public void Prod_keeps_its_repository_and_logs_and_qa_deletes_them()
    {
        synthesis.Prod.Service.HasResource("AWS::ECR::Repository", Like(("DeletionPolicy", "Retain")));
        synthesis.Qa.Service.HasResource("AWS::ECR::Repository", Like(("DeletionPolicy", "Delete")));
        synthesis.Prod.Service.HasResource("AWS::Logs::LogGroup", Like(("DeletionPolicy", "Retain")));
        synthesis.Qa.Service.HasResource("AWS::Logs::LogGroup", Like(("DeletionPolicy", "Delete")));
    }

    [Fact]
    public void Target_group_checks_health_as_configured_and_drains_quickly()
    {
        var qa = synthesis.Qa;
        qa.Service.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Like(
            ("Name", qa.Settings.Names.TargetGroup),
            ("TargetType", "ip"),
            ("Port", 8081),                   // the edge proxy in front of the API (target = true)
            ("Protocol", "HTTP"),
            ("HealthCheckEnabled", true),
            ("HealthCheckPath", "/_health"),
            ("HealthCheckIntervalSeconds", 10),
            ("HealthCheckTimeoutSeconds", 5),
            ("HealthyThresholdCount", 2),
            ("UnhealthyThresholdCount", 3),
            ("Matcher", O(("HttpCode", "200-399"))),
            ("TargetGroupAttributes", With(O(("Key", "deregistration_delay.timeout_seconds"), ("Value", "30")))),
            ("VpcId", O(("Fn::ImportValue", Match.StringLikeRegexp("^fargo-qa:"))))));
    }

    [Fact]
    public void Listener_rule_forwards_the_service_domain_on_the_https_listener()
    {
        synthesis.Qa.Service.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Like(
            ("ListenerArn", O(("Fn::ImportValue", Match.StringLikeRegexp("LoadBalancerHttps")))),
            ("Priority", O(("Ref", StackParameters.ListenerRulePriority))),
            ("Conditions", A(
                O(("Field", "host-header"), ("HostHeaderConfig", O(("Values", A("qa.todo.example.com"))))),
                O(("Field", "path-pattern"), ("PathPatternConfig", O(("Values", A("/*"))))))),
            ("Actions", A(Like(("Type", "forward"), ("TargetGroupArn", O(("Ref", Match.StringLikeRegexp("^TargetGroup")))))))));
    }

    [Fact]
    public void Log_group_has_the_configured_name_and_retention()
    {
        synthesis.Prod.Service.HasResourceProperties("AWS::Logs::LogGroup", O(("LogGroupName", "/fargo/prod/todo-api"), ("RetentionInDays", 90)));
        synthesis.Qa.Service.HasResourceProperties("AWS::Logs::LogGroup", O(("LogGroupName", "/fargo/qa/todo-api"), ("RetentionInDays", 7)));
        // The database's exported logs get the same retention.
        synthesis.Prod.Service.HasResourceProperties("AWS::Logs::LogGroup", O(("LogGroupName", "/aws/rds/instance/todo-api-prod/postgresql"), ("RetentionInDays", 90)));
    }

    [Fact]
    public void Execution_role_reads_only_the_service_parameters_its_explicit_secrets_and_the_database_secret()
    {
        var prod = synthesis.Prod;
        prod.Service.HasResourceProperties("AWS::IAM::Role", Like(
            ("RoleName", prod.Settings.Names.ExecutionRole),
            ("AssumeRolePolicyDocument", Like(("Statement", A(Like(("Principal", O(("Service", "ecs-tasks.amazonaws.com"))))))))));

        var statements = PolicyStatementsOf(prod.ServiceJson, "ExecutionRole");
        var secretReads = statements
            .Where(statement => Actions(statement).Any(action => action.StartsWith("ssm:", StringComparison.Ordinal) || action.StartsWith("secretsmanager:", StringComparison.Ordinal) || action.StartsWith("kms:", StringComparison.Ordinal)))
            .Select(statement => statement["Resource"]!.ToJsonString())
            .OrderBy(resource => resource, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                "\"arn:aws:ssm:us-east-1:222222222222:parameter/shared/todo/api-key\"",
                "\"arn:aws:ssm:us-east-1:222222222222:parameter/todo-api/*\"",
                "{\"Ref\":\"" + LogicalId(prod.ServiceJson, "AWS::SecretsManager::SecretTargetAttachment") + "\"}",
            ],
            secretReads);

        // Nothing else: pull from its own repository, write to its own log group.
        var rest = statements.Where(statement => !secretReads.Contains(statement["Resource"]!.ToJsonString())).SelectMany(Actions).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer", "logs:CreateLogStream", "logs:PutLogEvents"],
            rest);
        Assert.All(statements, statement => Assert.Equal("Allow", (string?)statement["Effect"]));
    }

    [Fact]
    public void Task_role_may_use_the_buckets_in_prod_and_nothing_in_qa()
    {
        var statements = PolicyStatementsOf(synthesis.Prod.ServiceJson, "TaskRole");
        var buckets = statements.SelectMany(statement => statement["Resource"]!.AsArray()).Select(resource => resource!.ToJsonString()).ToList();
        Assert.Contains(buckets, resource => resource.Contains("DataBucket", StringComparison.Ordinal));
        Assert.Contains(buckets, resource => resource.Contains("ReportsBucket", StringComparison.Ordinal));
        Assert.All(statements.SelectMany(Actions), action => Assert.StartsWith("s3:", action, StringComparison.Ordinal));

        Assert.Empty(PolicyStatementsOf(synthesis.Qa.ServiceJson, "TaskRole"));
    }

    [Fact]
    public void Task_definition_runs_the_services_container_with_its_port_environment_secrets_and_logs_then_its_edge_proxy()
    {
        var prod = synthesis.Prod;
        prod.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(
            ("Family", prod.Settings.Names.TaskFamily),
            ("Cpu", "512"),
            ("Memory", "1024"),
            ("NetworkMode", "awsvpc"),
            ("RequiresCompatibilities", A("FARGATE")),
            ("RuntimePlatform", O(("CpuArchitecture", "X86_64"), ("OperatingSystemFamily", "LINUX"))),
            ("ContainerDefinitions", A(Like(
                ("Name", prod.Settings.Names.ContainerName),
                ("Essential", true),
                ("PortMappings", A(O(("ContainerPort", 8080), ("Protocol", "tcp")))),
                ("Environment", With(O(("Name", "ASPNETCORE_ENVIRONMENT"), ("Value", "Production")))),
                ("LogConfiguration", O(
                    ("LogDriver", "awslogs"),
                    ("Options", O(
                        ("awslogs-group", O(("Ref", Match.StringLikeRegexp("^Logs")))),
                        ("awslogs-stream-prefix", prod.Settings.Names.LogStreamPrefix),
                        ("awslogs-region", "us-east-1")))))),
                Like(
                    ("Name", "edge"),
                    ("Essential", true),
                    ("PortMappings", A(O(("ContainerPort", 8081), ("Protocol", "tcp")))),
                    ("DependsOn", A(O(("Condition", "START"), ("ContainerName", prod.Settings.Names.ContainerName)))))))));

        var container = SynthesizedEnvironment.Resources(prod.ServiceJson, "AWS::ECS::TaskDefinition").Single().Value["Properties"]!["ContainerDefinitions"]![0]!;
        var secrets = container["Secrets"]!.AsArray().Select(secret => (string)secret!["Name"]!).ToList();
        Assert.Equal(["API_KEY", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD"], secrets);
        var environment = container["Environment"]!.AsArray().Select(variable => (string)variable!["Name"]!).ToList();
        Assert.Equal(["ASPNETCORE_ENVIRONMENT", "DATA_BUCKET", "REPORTS_BUCKET", "REPORTS_URL"], environment);
    }

    [Fact]
    public void Container_takes_the_limits_and_stop_timeout_of_the_configuration()
    {
        // The example's prod: a soft limit and a longer stop timeout; the task's memory stays the hard limit.
        synthesis.Prod.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(
            ("ContainerDefinitions", A(
                Like(
                    ("MemoryReservation", 512),
                    ("StopTimeout", 45)),
                Like(("Name", "edge"))))));
        var prodContainer = SynthesizedEnvironment.Resources(synthesis.Prod.ServiceJson, "AWS::ECS::TaskDefinition").Single().Value["Properties"]!["ContainerDefinitions"]![0]!.AsObject();
        Assert.False(prodContainer.ContainsKey("Memory"));

        synthesis.ExistingNetwork.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(
            ("ContainerDefinitions", A(Like(
                ("Memory", 1536),
                ("MemoryReservation", 1024),
                ("StopTimeout", 10))))));
    }

    [Fact]
    public void Entry_point_command_and_working_directory_reach_the_container()
    {
        synthesis.ExistingNetwork.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(
            ("ContainerDefinitions", A(Like(
                ("EntryPoint", A("/app/billing")),
                ("Command", A("--port", "5000")),
                ("WorkingDirectory", "/app"))))));
    }

    [Fact]
    public void Configured_permissions_go_to_the_task_role_and_only_there()
    {
        var billing = synthesis.ExistingNetwork;
        billing.Service.HasResourceProperties("AWS::IAM::Policy", Like(
            ("Roles", A(O(("Ref", Match.StringLikeRegexp("^TaskRole"))))),
            ("PolicyDocument", Like(("Statement", With(O(
                ("Sid", "SendInvoices"),
                ("Effect", "Allow"),
                ("Action", A("sqs:GetQueueUrl", "sqs:SendMessage")),
                ("Resource", "arn:aws:sqs:eu-west-1:333333333333:invoices"),
                ("Condition", O(("StringEquals", O(("aws:RequestedRegion", "eu-west-1"))))))))))));
        billing.Service.HasResourceProperties("AWS::IAM::Role", Like(
            ("RoleName", billing.Settings.Names.TaskRole),
            ("ManagedPolicyArns", A("arn:aws:iam::aws:policy/AmazonSESFullAccess"))));

        // The example configures none: its task role has only what Fargo grants.
        var prodPolicies = string.Join("\n", SynthesizedEnvironment.Resources(synthesis.Prod.ServiceJson, "AWS::IAM::Policy").Values.Select(policy => policy.ToJsonString()));
        Assert.DoesNotContain("\"Sid\":\"SendInvoices\"", prodPolicies, StringComparison.Ordinal);
    }

    [Fact]
    public void Database_credentials_reach_the_task_as_secrets_by_arn_and_json_key()
    {
        var container = SynthesizedEnvironment.Resources(synthesis.Qa.ServiceJson, "AWS::ECS::TaskDefinition").Single().Value["Properties"]!["ContainerDefinitions"]![0]!;
        var attachment = LogicalId(synthesis.Qa.ServiceJson, "AWS::SecretsManager::SecretTargetAttachment");
        foreach (var (variable, key) in new[] { ("DB_HOST", "host"), ("DB_PORT", "port"), ("DB_NAME", "dbname"), ("DB_USER", "username"), ("DB_PASSWORD", "password") })
        {
            var secret = container["Secrets"]!.AsArray().Single(s => (string?)s!["Name"] == variable)!;
            Assert.Equal($"{{\"Fn::Join\":[\"\",[{{\"Ref\":\"{attachment}\"}},\":{key}::\"]]}}", secret["ValueFrom"]!.ToJsonString());
        }

        synthesis.Qa.Service.HasResourceProperties("AWS::SecretsManager::Secret", Like(
            ("GenerateSecretString", Like(("GenerateStringKey", "password"), ("SecretStringTemplate", "{\"username\":\"fargo\",\"dbname\":\"todo\"}")))));
    }

    [Fact]
    public void Image_is_the_live_one_passed_by_infra_up_and_the_service_stays_empty_without_one()
    {
        var qa = synthesis.Qa;
        qa.Service.HasParameter(StackParameters.Image, O(("Type", "String"), ("Default", ""), ("Description", Match.AnyValue())));
        qa.Service.HasCondition("HasLiveImage", O(("Fn::Not", A(O(("Fn::Equals", A(O(("Ref", StackParameters.Image)), "")))))));
        // The edge proxy runs the service's own image too.
        var liveImage = Like(("Image", O(("Fn::If", A("HasLiveImage", O(("Ref", StackParameters.Image)), Match.AnyValue())))));
        qa.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(("ContainerDefinitions", A(liveImage, liveImage))));

        // Before the first deploy there are no tasks; afterwards the count is left to deploy, scale and the autoscaler,
        // fixed or autoscaled alike.
        qa.Service.HasResourceProperties("AWS::ECS::Service", Like(("DesiredCount", O(("Fn::If", A("HasLiveImage", O(("Ref", "AWS::NoValue")), 0))))));
        synthesis.Prod.Service.HasResourceProperties("AWS::ECS::Service", Like(("DesiredCount", O(("Fn::If", A("HasLiveImage", O(("Ref", "AWS::NoValue")), 0))))));
    }

    [Fact]
    public void Service_runs_in_the_private_subnets_without_public_ips_behind_the_target_group()
    {
        var qa = synthesis.Qa;
        qa.Service.HasResourceProperties("AWS::ECS::Service", Like(
            ("ServiceName", qa.Settings.Names.Service),
            ("Cluster", O(("Fn::ImportValue", Match.StringLikeRegexp("^fargo-qa:.*Cluster")))),
            ("PlatformVersion", "LATEST"),
            ("NetworkConfiguration", O(("AwsvpcConfiguration", O(
                ("AssignPublicIp", "DISABLED"),
                ("SecurityGroups", A(O(("Fn::GetAtt", A(Match.StringLikeRegexp("^ServiceSecurityGroup"), "GroupId"))))),
                ("Subnets", A(
                    O(("Fn::ImportValue", Match.StringLikeRegexp("VpcprivateSubnet1"))),
                    O(("Fn::ImportValue", Match.StringLikeRegexp("VpcprivateSubnet2"))))))))),
            ("LoadBalancers", A(O(
                ("ContainerName", "edge"),     // the proxy in front of the API
                ("ContainerPort", 8081),
                ("TargetGroupArn", O(("Ref", Match.StringLikeRegexp("^TargetGroup")))))))));
    }

    [Fact]
    public void Deployments_keep_capacity_and_roll_back_through_the_circuit_breaker()
    {
        synthesis.Qa.Service.HasResourceProperties("AWS::ECS::Service", Like(
            ("DeploymentConfiguration", O(
                ("DeploymentCircuitBreaker", O(("Enable", true), ("Rollback", true))),
                ("MinimumHealthyPercent", 100),
                ("MaximumPercent", 200))),
            ("HealthCheckGracePeriodSeconds", 30)));
    }

    [Fact]
    public void Spot_weight_sets_the_capacity_provider_strategy()
    {
        // qa: spot_weight = 3, with the first task on regular Fargate.
        synthesis.Qa.Service.HasResourceProperties("AWS::ECS::Service", Like(("CapacityProviderStrategy", A(
            O(("CapacityProvider", "FARGATE"), ("Weight", 1), ("Base", 1)),
            O(("CapacityProvider", "FARGATE_SPOT"), ("Weight", 3))))));
        // prod: on-demand only.
        synthesis.Prod.Service.HasResourceProperties("AWS::ECS::Service", Like(("CapacityProviderStrategy", A(
            O(("CapacityProvider", "FARGATE"), ("Weight", 1), ("Base", 0))))));
    }

    [Fact]
    public void Prod_scales_between_its_bounds_on_cpu_once_an_image_is_live()
    {
        var prod = synthesis.Prod;
        prod.Service.HasResource("AWS::ApplicationAutoScaling::ScalableTarget", Like(
            ("Condition", "HasLiveImage"),
            ("Properties", Like(("MinCapacity", 4), ("MaxCapacity", 20), ("ScalableDimension", "ecs:service:DesiredCount"), ("ServiceNamespace", "ecs")))));
        prod.Service.HasResource("AWS::ApplicationAutoScaling::ScalingPolicy", Like(
            ("Condition", "HasLiveImage"),
            ("Properties", Like(
                ("PolicyType", "TargetTrackingScaling"),
                ("TargetTrackingScalingPolicyConfiguration", Like(
                    ("PredefinedMetricSpecification", O(("PredefinedMetricType", "ECSServiceAverageCPUUtilization"))),
                    ("TargetValue", 60)))))));
        prod.Service.ResourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 1);
        synthesis.Qa.Service.ResourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
    }

    [Fact]
    public void Service_group_admits_only_the_load_balancer_group_on_the_container_port()
    {
        // The port the load balancer reaches is the edge proxy's (8081), in front of the API's 8080.
        foreach (var environment in new[] { synthesis.Prod, synthesis.Qa })
        {
            var serviceGroup = LogicalId(environment.ServiceJson, "AWS::EC2::SecurityGroup", "ServiceSecurityGroup");
            Assert.Null(environment.ServiceJson["Resources"]![serviceGroup]!["Properties"]!["SecurityGroupIngress"]);
            var ingress = IngressRulesInto(environment.ServiceJson, serviceGroup);
            var rule = Assert.Single(ingress);
            Assert.Equal(8081, (int)rule["FromPort"]!);
            Assert.Equal(8081, (int)rule["ToPort"]!);
            Assert.Equal("tcp", (string?)rule["IpProtocol"]);
            Assert.Matches("LoadBalancerSecurityGroup", rule["SourceSecurityGroupId"]!["Fn::ImportValue"]!.ToString());

            // The load balancer may talk to the tasks on that port and nothing else.
            var egress = Assert.Single(SynthesizedEnvironment.Resources(environment.ServiceJson, "AWS::EC2::SecurityGroupEgress")).Value["Properties"]!;
            Assert.Equal(8081, (int)egress["FromPort"]!);
            Assert.Equal(8081, (int)egress["ToPort"]!);
            Assert.Equal(serviceGroup, (string?)egress["DestinationSecurityGroupId"]!["Fn::GetAtt"]![0]);
        }
    }

    [Fact]
    public void Database_group_admits_only_the_service_group_on_5432()
    {
        foreach (var environment in new[] { synthesis.Prod, synthesis.Qa })
        {
            var databaseGroup = LogicalId(environment.ServiceJson, "AWS::EC2::SecurityGroup", "DatabaseSecurityGroup");
            var properties = environment.ServiceJson["Resources"]![databaseGroup]!["Properties"]!;
            Assert.Null(properties["SecurityGroupIngress"]);
            Assert.Equal("255.255.255.255/32", (string?)Assert.Single(properties["SecurityGroupEgress"]!.AsArray())!["CidrIp"]);
            var rule = Assert.Single(IngressRulesInto(environment.ServiceJson, databaseGroup));
            Assert.Equal(5432, (int)rule["FromPort"]!);
            Assert.Equal(5432, (int)rule["ToPort"]!);
            Assert.Equal(LogicalId(environment.ServiceJson, "AWS::EC2::SecurityGroup", "ServiceSecurityGroup"), (string?)rule["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]);
        }
    }

    [Fact]
    public void Database_is_encrypted_private_and_multi_az_in_prod()
    {
        synthesis.Prod.Service.HasResourceProperties("AWS::RDS::DBInstance", Like(
            ("Engine", "postgres"),
            ("EngineVersion", "16"),
            ("DBInstanceClass", "db.t4g.small"),
            ("AllocatedStorage", "50"),
            ("DBName", "todo"),
            ("Port", "5432"),
            ("StorageEncrypted", true),
            ("PubliclyAccessible", false),
            ("MultiAZ", true),
            ("DeletionProtection", true),
            ("BackupRetentionPeriod", 7),
            ("DBSubnetGroupName", O(("Ref", Match.StringLikeRegexp("^DatabaseSubnetGroup"))))));
        synthesis.Prod.Service.HasResourceProperties("AWS::RDS::DBSubnetGroup", Like(("SubnetIds", A(
            O(("Fn::ImportValue", Match.StringLikeRegexp("VpcprivateSubnet1"))),
            O(("Fn::ImportValue", Match.StringLikeRegexp("VpcprivateSubnet2")))))));
        synthesis.Prod.Service.HasResourceProperties("AWS::RDS::DBParameterGroup", Like(("Parameters", O(("rds.force_ssl", "1")))));
    }

    [Fact]
    public void Prod_database_keeps_deletion_protection_and_leaves_a_snapshot_while_qa_goes_with_its_stack()
    {
        synthesis.Prod.Service.HasResource("AWS::RDS::DBInstance", Like(("DeletionPolicy", "Snapshot"), ("UpdateReplacePolicy", "Snapshot")));
        synthesis.Qa.Service.HasResource("AWS::RDS::DBInstance", Like(("DeletionPolicy", "Delete")));
        synthesis.Qa.Service.HasResourceProperties("AWS::RDS::DBInstance", Like(
            ("MultiAZ", false),
            ("DeletionProtection", false),
            ("StorageEncrypted", true),
            ("PubliclyAccessible", false)));
    }

    [Fact]
    public void Buckets_block_public_access_are_encrypted_log_access_and_deny_plain_http()
    {
        var prod = synthesis.Prod;
        var buckets = SynthesizedEnvironment.Resources(prod.ServiceJson, "AWS::S3::Bucket");
        Assert.Equal(2, buckets.Count);
        foreach (var (id, bucket) in buckets)
        {
            var properties = bucket["Properties"]!;
            Assert.Equal(
                "{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}",
                properties["PublicAccessBlockConfiguration"]!.ToJsonString());
            Assert.NotNull(properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
            Assert.Equal("Enabled", (string?)properties["VersioningConfiguration"]!["Status"]);
            Assert.Matches("AccessLogsBucket", properties["LoggingConfiguration"]!["DestinationBucketName"]!["Fn::ImportValue"]!.ToString());

            var policy = SynthesizedEnvironment.Resources(prod.ServiceJson, "AWS::S3::BucketPolicy").Values
                .Single(p => (string?)p["Properties"]!["Bucket"]!["Ref"] == id);
            Assert.Contains(policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray(), statement =>
                (string?)statement!["Effect"] == "Deny" && statement["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false");
        }

        prod.Service.HasResourceProperties("AWS::S3::Bucket", Like(("BucketEncryption", O(("ServerSideEncryptionConfiguration", A(O(("ServerSideEncryptionByDefault", O(("SSEAlgorithm", "aws:kms"))))))))));
        prod.Service.HasResource("AWS::S3::Bucket", Like(("DeletionPolicy", "Retain")));
        synthesis.Qa.Service.ResourceCountIs("AWS::S3::Bucket", 0);
    }

    [Fact]
    public void Reports_are_served_by_cloudfront_over_https_through_origin_access_control()
    {
        var prod = synthesis.Prod;
        prod.Service.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(
            ("DefaultRootObject", "index.html"),
            ("DefaultCacheBehavior", Like(("ViewerProtocolPolicy", "redirect-to-https"), ("AllowedMethods", A("GET", "HEAD")))),
            ("Origins", A(Like(
                ("DomainName", O(("Fn::GetAtt", A(Match.StringLikeRegexp("^ReportsBucket"), "RegionalDomainName")))),
                ("OriginAccessControlId", O(("Fn::GetAtt", A(Match.StringLikeRegexp("OriginAccessControl"), "Id")))))))))));
        prod.Service.HasResourceProperties("AWS::CloudFront::OriginAccessControl", Like(("OriginAccessControlConfig", Like(
            ("OriginAccessControlOriginType", "s3"),
            ("SigningBehavior", "always"),
            ("SigningProtocol", "sigv4")))));
        // Only this distribution may read the bucket.
        prod.Service.HasResourceProperties("AWS::S3::BucketPolicy", Like(("PolicyDocument", Like(("Statement", With(Like(
            ("Effect", "Allow"),
            ("Action", "s3:GetObject"),
            ("Principal", O(("Service", "cloudfront.amazonaws.com"))),
            ("Condition", O(("StringEquals", O(("AWS:SourceArn", Match.AnyValue()))))))))))));
    }

    [Fact]
    public void Outputs_carry_what_fargo_deploy_reads()
    {
        var prod = synthesis.Prod;
        var outputs = prod.ServiceJson["Outputs"]!.AsObject().Select(pair => pair.Key).ToHashSet();
        string[] expected =
        [
            StackOutputs.ClusterName, StackOutputs.ServiceName, StackOutputs.TargetGroupArn, StackOutputs.RepositoryUri,
            StackOutputs.RepositoryName, StackOutputs.LogGroupName, StackOutputs.SecretsPath, StackOutputs.Url,
            StackOutputs.TaskFamily, StackOutputs.ContainerName, StackOutputs.ExecutionRoleArn, StackOutputs.TaskRoleArn,
            StackOutputs.DatabaseSecretArn, StackOutputs.DatabaseEndpoint, StackOutputs.DataBucketName,
            StackOutputs.ReportsBucketName, StackOutputs.ReportsUrl,
        ];
        Assert.Superset(expected.ToHashSet(), outputs);
        prod.Service.HasOutput(StackOutputs.SecretsPath, Like(("Value", "/todo-api")));
        prod.Service.HasOutput(StackOutputs.Url, Like(("Value", "https://todo.example.com")));
        prod.Service.HasOutput(StackOutputs.ServiceName, Like(("Value", O(("Fn::GetAtt", A(Match.StringLikeRegexp("^Service"), "Name"))))));
        prod.Service.HasOutput(StackOutputs.TaskFamily, Like(("Value", "todo-api-prod")));

        var qaOutputs = synthesis.Qa.ServiceJson["Outputs"]!.AsObject().Select(pair => pair.Key).ToHashSet();
        Assert.DoesNotContain(StackOutputs.DataBucketName, qaOutputs);
        Assert.DoesNotContain(StackOutputs.ReportsUrl, qaOutputs);
    }

    internal static List<JsonNode> PolicyStatementsOf(JsonObject template, string rolePrefix) =>
        SynthesizedEnvironment.Resources(template, "AWS::IAM::Policy").Values
            .Where(policy => policy["Properties"]!["Roles"]!.AsArray().Any(role => ((string?)role!["Ref"])?.StartsWith(rolePrefix, StringComparison.Ordinal) == true))
            .SelectMany(policy => policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(statement => statement!)
            .ToList();

    internal static IEnumerable<string> Actions(JsonNode statement) => statement["Action"] switch
    {
        JsonArray actions => actions.Select(action => (string)action!),
        var action => [(string)action!],
    };

    internal static string LogicalId(JsonObject template, string type, string prefix = "") =>
        SynthesizedEnvironment.Resources(template, type).Keys.Single(id => id.StartsWith(prefix, StringComparison.Ordinal));

    internal static List<JsonNode> IngressRulesInto(JsonObject template, string groupLogicalId) =>
        SynthesizedEnvironment.Resources(template, "AWS::EC2::SecurityGroupIngress").Values
            .Select(rule => rule["Properties"]!)
            .Where(rule => rule["GroupId"]!["Fn::GetAtt"]?[0]?.ToString() == groupLogicalId)
            .ToList();
}
