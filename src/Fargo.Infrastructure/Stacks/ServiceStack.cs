using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SSM;
using Constructs;
using Fargo.Config;
using Fargo.Config.Model;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using HealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;
using Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol;
using CfnParameter = Amazon.CDK.CfnParameter;
using CfnParameterProps = Amazon.CDK.CfnParameterProps;
using Distribution = Amazon.CDK.AWS.CloudFront.Distribution;
using InstanceType = Amazon.CDK.AWS.EC2.InstanceType;
using ManagedSecret = Amazon.CDK.AWS.SecretsManager.Secret;
using ISecret = Amazon.CDK.AWS.SecretsManager.ISecret;
using CfnSecret = Amazon.CDK.AWS.SecretsManager.CfnSecret;
using CfnSecretProps = Amazon.CDK.AWS.SecretsManager.CfnSecretProps;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// One service in one environment: its image repository, log group, roles, task definition and Fargate service with
/// autoscaling, and the optional database and buckets; a web service also its target group and listener rule, and a
/// service another one calls its Cloud Map name. The security group admits the load balancer (web) and exactly the
/// services that declare they call this one (<see cref="AdmitCaller"/>).
/// </summary>
internal sealed class ServiceStack : Stack
{
    private const int PostgresPort = 5432;
    private const string DatabaseUser = "fargo";

    /// <summary>Every log PostgreSQL on RDS can export.</summary>
    private static readonly string[] DatabaseLogExports = ["postgresql", "upgrade"];

    private readonly ServiceSettings _settings;
    private readonly TargetEnvironment _target;
    private readonly RepositoryPlacement _placement;
    private readonly EnvironmentStack _environment;
    private IBucket? _accessLogs;

    /// <param name="called">Whether another service of the app calls this one: it is then registered in the environment's Cloud Map namespace.</param>
    /// <param name="databaseOwner">The stack of the service whose database this one uses ([database] service); null for none or its own.</param>
    public ServiceStack(Construct scope, string id, ServiceSettings settings, TargetEnvironment target, RepositoryPlacement repository, EnvironmentStack environment, IStackProps props, bool called = false, ServiceStack? databaseOwner = null)
        : base(scope, id, props)
    {
        _settings = settings;
        _target = target;
        _placement = repository;
        _environment = environment;
        var names = settings.Names;

        var image = new CfnParameter(this, StackParameters.Image, new CfnParameterProps
        {
            Type = "String",
            Default = string.Empty,
            Description = "The image that runs now (fargo infra up passes the live one, so that an infrastructure change never rolls a deploy back). Empty before the first deploy: the service then starts with no tasks.",
        });
        HasLiveImage = new CfnCondition(this, "HasLiveImage", new CfnConditionProps
        {
            Expression = Fn.ConditionNot(Fn.ConditionEquals(image.ValueAsString, string.Empty)),
        });

        Repository = _placement.Owns ? CreateRepository() : ImportRepository();
        LogGroup = CreateLogGroup(names.LogGroup, settings.Logs.RetentionDays, "Logs");

        var executionRole = new Role(this, "ExecutionRole", new RoleProps
        {
            RoleName = names.ExecutionRole,
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"ECS starts {settings.Name} tasks in {target.Name} with it: pulls the image, writes logs, reads the service's secrets",
        });
        var taskRole = new Role(this, "TaskRole", new RoleProps
        {
            RoleName = names.TaskRole,
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"What {settings.Name} itself may do in {target.Name}",
        });
        Repository.GrantPull(executionRole);
        GrantConfiguredPermissions(taskRole, settings.Permissions);
        // Every parameter under the secrets path is handed to the task at deploy time (resolved then, by ARN).
        executionRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadServiceSecrets",
            Actions = ["ssm:GetParameters"],
            Resources = [ParameterArn(settings.Secrets.Path.Trim('/') + "/*")],
        }));

        ServiceSecurityGroup = new SecurityGroup(this, "ServiceSecurityGroup", new SecurityGroupProps
        {
            Vpc = environment.Vpc,
            Description = settings.Kind switch
            {
                // As before services could call each other: a changed description would replace the group.
                ServiceKind.Web => $"Fargo {target.Name} {settings.Name}: the tasks; only the load balancer reaches the container port",
                ServiceKind.Internal => $"Fargo {target.Name} {settings.Name}: the tasks; only the services that call it reach the container port",
                _ => $"Fargo {target.Name} {settings.Name}: the tasks of a worker; nothing reaches them",
            },
            // The application's own outbound calls (AWS APIs, image pulls through NAT, the database) are its business.
            AllowAllOutbound = true,
        });

        var secrets = new Dictionary<string, EcsSecret>(StringComparer.Ordinal);
        foreach (var (variable, reference) in settings.Secrets.Explicit.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            secrets[variable] = ExplicitSecret(variable, reference);
        }

        var environmentVariables = new Dictionary<string, string>(settings.ContainerEnvironment, StringComparer.Ordinal);

        if (settings.Database is { } database)
        {
            var used = database.Owner is null ? Database = CreateDatabase(database) : UseDatabaseOf(databaseOwner, database);
            var (instance, credentials) = (used.Instance, used.Credentials);
            ISecret? url = null;
            foreach (var (variable, field) in database.Variables)
            {
                secrets[variable] = field == DatabaseFields.Url
                    ? EcsSecret.FromSecretsManager(url ??= CreateDatabaseUrl(database, instance, credentials))
                    : EcsSecret.FromSecretsManager(credentials, field);
            }

            Output(StackOutputs.DatabaseSecretArn, credentials.SecretArn, "The database credentials (host, port, dbname, username, password)");
            Output(StackOutputs.DatabaseEndpoint, instance.DbInstanceEndpointAddress, "The database host");
        }

        if (settings.Buckets.Data)
        {
            var data = Buckets.Create(this, "DataBucket", BucketEncryption.KMS_MANAGED, target.ProdLike, AccessLogs(), Buckets.ServerAccessLogsPrefix + "data/", expireObjectsAfterDays: null);
            data.GrantReadWrite(taskRole);
            environmentVariables["DATA_BUCKET"] = data.BucketName;
            Output(StackOutputs.DataBucketName, data.BucketName, "The service's data bucket");
        }

        if (settings.Buckets.Reports)
        {
            CreateReports(taskRole, environmentVariables);
        }

        var taskDefinition = new FargateTaskDefinition(this, "TaskDefinition", new FargateTaskDefinitionProps
        {
            Family = names.TaskFamily,
            Cpu = settings.Resources.Cpu,
            MemoryLimitMiB = settings.Resources.Memory,
            RuntimePlatform = new RuntimePlatform
            {
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
                CpuArchitecture = settings.Resources.Architecture == Fargo.Config.Model.CpuArchitecture.Arm64 ? Amazon.CDK.AWS.ECS.CpuArchitecture.ARM64 : Amazon.CDK.AWS.ECS.CpuArchitecture.X86_64,
            },
            ExecutionRole = executionRole,
            TaskRole = taskRole,
        });
        var liveOrBootstrapImage = Fn.ConditionIf(HasLiveImage.LogicalId, image.ValueAsString, $"{Repository.RepositoryUri}:{ResourceNaming.PlaceholderImageTag}").ToString()!;
        var appContainer = taskDefinition.AddContainer("Container", new ContainerDefinitionOptions
        {
            ContainerName = names.ContainerName,
            Image = ContainerImage.FromRegistry(liveOrBootstrapImage),
            Essential = true,
            // Member for member what `fargo deploy` renders (ContainerSettings decides them both), so that the stack's
            // revision and a deploy's of the same image are the same. Without [container] memory the task's memory is
            // the container's limit.
            MemoryLimitMiB = settings.Container.Memory,
            MemoryReservationMiB = settings.Container.MemoryReservation,
            EntryPoint = settings.Container.EntryPoint is { } entryPoint ? [.. entryPoint] : null,
            Command = settings.Container.Command is { } command ? [.. command] : null,
            WorkingDirectory = settings.Container.WorkingDirectory,
            StopTimeout = settings.Container.StopTimeoutSeconds is { } seconds ? Duration.Seconds(seconds) : null,
            PortMappings = settings.Port is { } port ? [new PortMapping { ContainerPort = port, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP }] : null,
            HealthCheck = ContainerHealthCheck(settings.Health),
            Environment = environmentVariables,
            Secrets = secrets,
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = LogGroup, StreamPrefix = names.LogStreamPrefix }),
        });

        AddSidecars(taskDefinition, appContainer, liveOrBootstrapImage, executionRole);

        TargetGroup = settings.Target is { } balancerTarget ? CreateTargetGroup(balancerTarget) : null;
        Service = CreateService(taskDefinition);
        if (TargetGroup is not null)
        {
            // The container and port the load balancer reaches: the service's own, or the sidecar in front of it. The
            // service's security group admits the load balancer on that port.
            TargetGroup.AddTarget(Service.LoadBalancerTarget(new LoadBalancerTargetOptions { ContainerName = settings.Target!.Container, ContainerPort = settings.Target.Port }));
            AddListenerRule(settings.Name, settings.Http, TargetGroup);
        }

        if (called && settings.Port is not null)
        {
            // DNS A records of the tasks' private addresses, found by any client in the VPC (one-off `fargo run` tasks
            // too); a short TTL so that a replaced task's address leaves the callers' caches quickly.
            Service.EnableCloudMap(new CloudMapOptions
            {
                Name = settings.Name,
                CloudMapNamespace = environment.ServiceDiscovery,
                DnsRecordType = Amazon.CDK.AWS.ServiceDiscovery.DnsRecordType.A,
                DnsTtl = Duration.Seconds(10),
            });
        }

        if (settings.Scaling.IsAutoscaled)
        {
            AddAutoscaling();
        }

        Output(StackOutputs.ClusterName, environment.Cluster.ClusterName, "The ECS cluster");
        Output(StackOutputs.ServiceName, Service.ServiceName, "The ECS service");
        if (TargetGroup is not null)
        {
            Output(StackOutputs.TargetGroupArn, TargetGroup.TargetGroupArn, "The service's target group");
        }

        Output(StackOutputs.RepositoryUri, Repository.RepositoryUri, "Push images here");
        Output(StackOutputs.RepositoryName, Repository.RepositoryName, RepositoryDescription());
        Output(StackOutputs.LogGroupName, LogGroup.LogGroupName, "The tasks' logs");
        Output(StackOutputs.SecretsPath, settings.Secrets.Path, "Every SSM parameter under this path is handed to the tasks");
        if (TargetGroup is not null)
        {
            if (settings.Http.Host is { } host)
            {
                Output(StackOutputs.RouteHost, host, "The host the service's listener rule matches");
            }

            Output(StackOutputs.RoutePath, settings.Http.Path, "The path prefix the service's listener rule matches");
            Output(StackOutputs.Url, environment.Url, "The service's address");
        }

        Output(StackOutputs.TaskFamily, names.TaskFamily, "The task definition family");
        Output(StackOutputs.ContainerName, names.ContainerName, "The container of the task definition");
        Output(StackOutputs.ExecutionRoleArn, executionRole.RoleArn, "The task execution role");
        Output(StackOutputs.TaskRoleArn, taskRole.RoleArn, "The task role");
    }

    /// <summary>[permissions]: the app's own statements and managed policies, on the task role.</summary>
    /// <summary>
    /// The rule on the environment's shared listener that sends the service's requests ([http]) to its target group, at a
    /// priority Fargo allocates among the environment's services (<see cref="ListenerRulePriorities"/>).
    /// </summary>
    private void AddListenerRule(string serviceName, HttpSettings route, ApplicationTargetGroup targetGroup)
    {
        var band = ListenerRulePriorities.BandOf(route);
        var priority = new CfnParameter(this, StackParameters.ListenerRulePriority, new CfnParameterProps
        {
            Type = "Number",
            Default = ListenerRulePriorities.Preferred(serviceName, route),
            MinValue = band.First,
            MaxValue = band.Last,
            Description = $"The priority of the service's listener rule, within the band of its route ({route.Describe()}). fargo infra up allocates it among the environment's services and keeps it.",
        });
        List<ListenerCondition> conditions = [ListenerCondition.PathPatterns([.. route.PathPatterns])];
        if (route.Host is { } host)
        {
            conditions.Insert(0, ListenerCondition.HostHeaders([host]));
        }

        _ = new ApplicationListenerRule(this, "ListenerRule", new ApplicationListenerRuleProps
        {
            Listener = _environment.ServiceListener,
            Priority = priority.ValueAsNumber,
            Conditions = [.. conditions],
            Action = ListenerAction.Forward([targetGroup]),
        });
    }

    private void GrantConfiguredPermissions(Role taskRole, PermissionSettings permissions)
    {
        foreach (var statement in permissions.Statements)
        {
            taskRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = statement.Sid,
                Effect = Effect.ALLOW,
                Actions = [.. statement.Actions],
                Resources = [.. statement.Resources],
                Conditions = statement.Conditions.Count == 0
                    ? null
                    : statement.Conditions.ToDictionary(
                        c => c.Key,
                        c => (object)c.Value.ToDictionary(k => k.Key, k => k.Value.Count == 1 ? (object)k.Value[0] : k.Value.ToArray())),
            }));
        }

        for (var index = 0; index < permissions.ManagedPolicies.Count; index++)
        {
            taskRole.AddManagedPolicy(ManagedPolicy.FromManagedPolicyArn(this, $"ManagedPolicy{index}", permissions.ManagedPolicies[index]));
        }
    }

    /// <summary>
    /// The connection string as a secret of its own, composed by CloudFormation from the instance's address and the
    /// generated password (a dynamic reference: the password never appears in the template). RDS requires TLS
    /// (rds.force_ssl), so AWS's URL asks for it; the local region's PostgreSQL serves loopback without TLS. The
    /// generated password has no character a URL would need escaped (DatabaseSecret excludes them).
    /// </summary>
    private ISecret CreateDatabaseUrl(DatabaseSettings database, DatabaseInstance instance, ISecret credentials)
    {
        var url = new CfnSecret(this, "DatabaseUrl", new CfnSecretProps
        {
            Description = $"Fargo {_target.Name} {_settings.Name}: the database's postgresql:// URL, composed from its credentials",
            SecretString = Fn.Join(string.Empty,
            [
                $"postgresql://{DatabaseUser}:{{{{resolve:secretsmanager:",
                credentials.SecretArn,
                ":SecretString:password}}@",
                instance.DbInstanceEndpointAddress,
                ":",
                instance.DbInstanceEndpointPort,
                "/" + database.Name + (_target.IsLocal ? string.Empty : "?sslmode=require"),
            ]),
        });
        url.ApplyRemovalPolicy(_target.ProdLike ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
        return ManagedSecret.FromSecretCompleteArn(this, "DatabaseUrlSecret", url.Ref);
    }

    public CfnCondition HasLiveImage { get; }

    /// <summary>The service's own database; null without one, or when it uses another service's.</summary>
    public OwnedDatabase? Database { get; }

    public IRepository Repository { get; }

    public LogGroup LogGroup { get; }

    public SecurityGroup ServiceSecurityGroup { get; }

    /// <summary>The web service's target group; null for internal services and workers, which have no load balancer.</summary>
    public ApplicationTargetGroup? TargetGroup { get; }

    /// <summary>
    /// Opens this service's container port to a service of the app that declares it calls this one: exactly the paths
    /// fargo.toml's calls name, from the caller's security group only. The rule is a resource of the caller's stack
    /// (it names the called group), so a called service's stack is made before its callers' and can be deployed
    /// without them; a caller's stack needs the services it calls.
    /// </summary>
    public void AdmitCaller(ServiceStack caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (_settings.Port is { } port)
        {
            ServiceSecurityGroup.AddIngressRule(caller.ServiceSecurityGroup, Port.Tcp(port), $"{caller._settings.Name} calls {_settings.Name}", remoteRule: true);
        }
    }

    /// <summary>
    /// [containers]: each sidecar beside the service's container, member for member what `fargo deploy` renders
    /// (SidecarSettings decides them both): the same log group (its own stream, as awslogs names streams after the
    /// container), its own variables and secrets, and its dependencies once every container exists.
    /// </summary>
    private void AddSidecars(FargateTaskDefinition taskDefinition, ContainerDefinition appContainer, string serviceImage, Role executionRole)
    {
        var containers = new Dictionary<string, ContainerDefinition>(StringComparer.Ordinal) { [_settings.Names.ContainerName] = appContainer };
        foreach (var sidecar in _settings.Sidecars)
        {
            if (sidecar.Image is { } image && EcrImage.TryParse(image) is { } ecr)
            {
                Amazon.CDK.AWS.ECR.Repository.FromRepositoryArn(this, "SidecarRepository" + sidecar.Name, FormatArn(new ArnComponents
                {
                    Service = "ecr",
                    Account = ecr.Account,
                    Region = ecr.Region,
                    Resource = "repository",
                    ResourceName = ecr.Repository,
                    ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
                })).GrantPull(executionRole);
            }

            containers[sidecar.Name] = taskDefinition.AddContainer("Sidecar" + sidecar.Name, new ContainerDefinitionOptions
            {
                ContainerName = sidecar.Name,
                Image = ContainerImage.FromRegistry(sidecar.Image ?? serviceImage),
                Essential = sidecar.Essential,
                Cpu = sidecar.Cpu,
                MemoryLimitMiB = sidecar.Memory,
                EntryPoint = sidecar.EntryPoint is { } entryPoint ? [.. entryPoint] : null,
                Command = sidecar.Command is { } command ? [.. command] : null,
                PortMappings = sidecar.Port is { } port ? [new PortMapping { ContainerPort = port, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP }] : null,
                HealthCheck = ContainerHealthCheck(sidecar.HealthCheck),
                Environment = sidecar.Environment.Count == 0 ? null : new Dictionary<string, string>(sidecar.Environment, StringComparer.Ordinal),
                Secrets = sidecar.Secrets.Count == 0
                    ? null
                    : sidecar.Secrets.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(pair => pair.Key, pair => ExplicitSecret($"Sidecar{sidecar.Name}Secret{pair.Key}", pair.Key, pair.Value), StringComparer.Ordinal),
                Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = LogGroup, StreamPrefix = _settings.Names.LogStreamPrefix }),
            });
        }

        foreach (var sidecar in _settings.Sidecars)
        {
            foreach (var dependency in sidecar.DependsOn)
            {
                containers[sidecar.Name].AddContainerDependencies(new Amazon.CDK.AWS.ECS.ContainerDependency
                {
                    Container = containers[dependency.Container],
                    Condition = dependency.Condition switch
                    {
                        DependencyConditions.Start => ContainerDependencyCondition.START,
                        DependencyConditions.Complete => ContainerDependencyCondition.COMPLETE,
                        DependencyConditions.Success => ContainerDependencyCondition.SUCCESS,
                        _ => ContainerDependencyCondition.HEALTHY,
                    },
                });
            }
        }
    }

    /// <summary>ECS's container health check from [health] command; null without one.</summary>
    private static Amazon.CDK.AWS.ECS.HealthCheck? ContainerHealthCheck(HealthSettings health) => ContainerHealthCheck(health.ContainerCheck);

    private static Amazon.CDK.AWS.ECS.HealthCheck? ContainerHealthCheck(Fargo.Config.Model.ContainerHealthCheck? containerCheck) => containerCheck is { } check
        ? new Amazon.CDK.AWS.ECS.HealthCheck
        {
            Command = [.. check.Command],
            Interval = Duration.Seconds(check.IntervalSeconds),
            Timeout = Duration.Seconds(check.TimeoutSeconds),
            Retries = check.Retries,
            StartPeriod = Duration.Seconds(check.StartPeriodSeconds),
        }
        : null;

    public FargateService Service { get; }

    private Repository CreateRepository() => new(this, "Repository", new RepositoryProps
    {
        RepositoryName = _settings.Names.Repository,
        ImageScanOnPush = true,
        // A tag names one image forever: a deploy of a version always runs what was tested.
        ImageTagMutability = TagMutability.IMMUTABLE,
        LifecycleRules =
        [
            new Amazon.CDK.AWS.ECR.LifecycleRule { RulePriority = 1, Description = "Untagged images go after 14 days", TagStatus = TagStatus.UNTAGGED, MaxImageAge = Duration.Days(14) },
            new Amazon.CDK.AWS.ECR.LifecycleRule { RulePriority = 2, Description = "Keep the 200 newest images", TagStatus = TagStatus.ANY, MaxImageCount = 200 },
        ],
        // Prod-like environments keep their images, and so does a repository other environments use; elsewhere
        // `fargo infra down` empties the repository first.
        RemovalPolicy = _target.ProdLike || _placement.Shared ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    /// <summary>
    /// The repository of the first environment in this account and region, by name: its stack creates and keeps it
    /// (see <see cref="RepositoryPlacement"/>), so this stack neither creates nor deletes it.
    /// </summary>
    private IRepository ImportRepository() => Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(this, "Repository", _settings.Names.Repository);

    private string RepositoryDescription() => _placement switch
    {
        { Owns: false } => $"The service's image repository, shared with {_placement.OwnerEnvironment} (in the same account and region), whose stack creates and keeps it",
        { Shared: true } => $"The service's image repository, shared with {string.Join(", ", _placement.SharedWith)} (in the same account and region): retained when this stack is deleted, and never emptied by fargo infra down",
        _ => "The service's image repository",
    };

    private LogGroup CreateLogGroup(string name, int retentionDays, string id)
    {
        var group = new LogGroup(this, id, new LogGroupProps
        {
            LogGroupName = name,
            RemovalPolicy = _target.ProdLike ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        // Any retention CloudWatch accepts, straight from the configuration (the L2 only takes its enum).
        ((CfnLogGroup)group.Node.DefaultChild!).RetentionInDays = LogRetention.Validate(retentionDays);
        return group;
    }

    private EcsSecret ExplicitSecret(string variable, string value) => ExplicitSecret("Secret" + variable, variable, value);

    private EcsSecret ExplicitSecret(string id, string variable, string value)
    {
        return SecretReference.Parse(variable, value) switch
        {
            ParameterSecret parameter => EcsSecret.FromSsmParameter(StringParameter.FromSecureStringParameterAttributes(this, id, new SecureStringParameterAttributes
            {
                ParameterName = parameter.Name,
            })),
            SecretsManagerSecret secret => EcsSecret.FromSecretsManager(SecretsManagerSecretFromArn(id, secret), secret.JsonKey),
            _ => throw new InvalidOperationException("unknown secret kind"),
        };
    }

    private Amazon.CDK.AWS.SecretsManager.ISecret SecretsManagerSecretFromArn(string id, SecretsManagerSecret secret) =>
        secret.IsComplete
            ? ManagedSecret.FromSecretCompleteArn(this, id, secret.Arn)
            : ManagedSecret.FromSecretPartialArn(this, id, secret.Arn);

    private string ParameterArn(string resourceName) => FormatArn(new ArnComponents
    {
        Service = "ssm",
        Resource = "parameter",
        ResourceName = resourceName,
        ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
    });

    /// <summary>
    /// The environment's logging bucket by name: a plain reference, so that the buckets here do not try to add
    /// to its policy (which would make the environment stack depend on this one); the environment grants S3
    /// server access logging up front.
    /// </summary>
    private IBucket AccessLogs() =>
        _accessLogs ??= Bucket.FromBucketName(this, "AccessLogsBucket", _environment.AccessLogsBucket.BucketName);

    /// <summary>
    /// Another service's database ([database] service): its instance, credentials and security group stay in the owner's
    /// stack, which this one imports (CDK's exports, as for calls); the execution role may read the credentials (granted
    /// by the task definition's secrets), and the owner's database group admits this service's tasks on PostgreSQL's
    /// port, by a rule of this stack, so the owner's stack never depends on the services that use its database.
    /// </summary>
    private OwnedDatabase UseDatabaseOf(ServiceStack? owner, DatabaseSettings database)
    {
        var shared = owner?.Database ?? throw new InvalidOperationException($"{_settings.Name} uses the database of {database.Owner}, whose stack has none");
        shared.SecurityGroup.AddIngressRule(ServiceSecurityGroup, Port.Tcp(PostgresPort), $"PostgreSQL from {_settings.Name}'s tasks", remoteRule: true);
        return shared;
    }

    private OwnedDatabase CreateDatabase(DatabaseSettings database)
    {
        var securityGroup = new SecurityGroup(this, "DatabaseSecurityGroup", new SecurityGroupProps
        {
            Vpc = _environment.Vpc,
            Description = $"Fargo {_target.Name} {_settings.Name}: the database; PostgreSQL from the service's tasks only",
            AllowAllOutbound = false,
        });
        securityGroup.AddIngressRule(ServiceSecurityGroup, Port.Tcp(PostgresPort), "PostgreSQL from the service's tasks");

        var engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps
        {
            Version = PostgresEngineVersion.Of(database.Version, database.Version.Split('.')[0]),
        });
        var credentials = new DatabaseSecret(this, "DatabaseSecret", new DatabaseSecretProps
        {
            Username = DatabaseUser,
            Dbname = database.Name,
        });
        credentials.ApplyRemovalPolicy(_target.ProdLike ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);

        var identifier = DatabaseIdentifier();
        // RDS creates its exported log groups without retention; creating them first sets it.
        var logGroups = DatabaseLogExports
            .Select(log => CreateLogGroup($"/aws/rds/instance/{identifier}/{log}", _settings.Logs.RetentionDays, "DatabaseLogs" + char.ToUpperInvariant(log[0]) + log[1..]))
            .ToArray();

        var instance = new DatabaseInstance(this, "Database", new DatabaseInstanceProps
        {
            InstanceIdentifier = identifier,
            Engine = engine,
            InstanceType = new InstanceType(database.InstanceClass.StartsWith("db.", StringComparison.Ordinal) ? database.InstanceClass[3..] : database.InstanceClass),
            Vpc = _environment.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = [securityGroup],
            PubliclyAccessible = false,
            Port = PostgresPort,
            MultiAz = database.MultiAz,
            AllocatedStorage = database.StorageGiB,
            StorageType = StorageType.GP3,
            StorageEncrypted = true,
            Credentials = Credentials.FromSecret(credentials),
            DatabaseName = database.Name,
            ParameterGroup = new ParameterGroup(this, "DatabaseParameters", new ParameterGroupProps
            {
                Engine = engine,
                Description = $"Fargo {_target.Name} {_settings.Name}: TLS required",
                Parameters = new Dictionary<string, string> { ["rds.force_ssl"] = "1" },
            }),
            BackupRetention = Duration.Days(7),
            CopyTagsToSnapshot = true,
            AutoMinorVersionUpgrade = true,
            IamAuthentication = true,
            MonitoringInterval = Duration.Seconds(60),
            CloudwatchLogsExports = DatabaseLogExports,
            DeletionProtection = _target.ProdLike,
            // Prod-like: deleting the stack stops at the protected database; once protection is lifted by
            // hand, CloudFormation takes a final snapshot. The local region: a final snapshot too, which keeps the
            // data for the next `fargo up` (`fargo down --volumes` deletes it). Elsewhere the database goes with the stack.
            RemovalPolicy = _target.ProdLike || _target.IsLocal ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
        });
        foreach (var group in logGroups)
        {
            instance.Node.AddDependency(group);
        }

        return new OwnedDatabase(instance, instance.Secret!, securityGroup);
    }

    /// <summary>RDS identifiers are unique per account and region: the service and the environment both count.</summary>
    private string DatabaseIdentifier()
    {
        var raw = $"{_settings.Name}-{_target.Name}".ToLowerInvariant();
        var cleaned = new string(raw.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (cleaned.Contains("--", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("--", "-", StringComparison.Ordinal);
        }

        cleaned = cleaned.Trim('-');
        if (cleaned.Length == 0 || !char.IsAsciiLetter(cleaned[0]))
        {
            cleaned = "db-" + cleaned;
        }

        return cleaned.Length > 63 ? cleaned[..63].TrimEnd('-') : cleaned;
    }

    private void CreateReports(Role taskRole, Dictionary<string, string> environmentVariables)
    {
        // Served through CloudFront with origin access control; an AWS-managed KMS key could not be decrypted by CloudFront.
        var reports = Buckets.Create(this, "ReportsBucket", BucketEncryption.S3_MANAGED, _target.ProdLike, AccessLogs(), Buckets.ServerAccessLogsPrefix + "reports/", expireObjectsAfterDays: null);
        reports.GrantReadWrite(taskRole);
        var distribution = new Distribution(this, "ReportsDistribution", new DistributionProps
        {
            Comment = $"Fargo {_target.Name} {_settings.Name} reports",
            DefaultBehavior = new BehaviorOptions
            {
                Origin = S3BucketOrigin.WithOriginAccessControl(reports),
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
                CachePolicy = CachePolicy.CACHING_OPTIMIZED,
            },
            DefaultRootObject = "index.html",
            MinimumProtocolVersion = SecurityPolicyProtocol.TLS_V1_2_2021,
            HttpVersion = HttpVersion.HTTP2_AND_3,
            PriceClass = PriceClass.PRICE_CLASS_100,
        });
        environmentVariables["REPORTS_BUCKET"] = reports.BucketName;
        environmentVariables["REPORTS_URL"] = $"https://{distribution.DistributionDomainName}";
        Output(StackOutputs.ReportsBucketName, reports.BucketName, "The reports bucket");
        Output(StackOutputs.ReportsUrl, $"https://{distribution.DistributionDomainName}", "Where the reports are served");
    }

    private ApplicationTargetGroup CreateTargetGroup(LoadBalancerTarget target)
    {
        var health = _settings.Health;
        return new ApplicationTargetGroup(this, "TargetGroup", new ApplicationTargetGroupProps
        {
            TargetGroupName = _settings.Names.TargetGroup,
            Vpc = _environment.Vpc,
            TargetType = TargetType.IP,
            Port = target.Port,
            Protocol = ApplicationProtocol.HTTP,
            // ALB waits 300 s by default before a deregistered task may stop; deploys want it short.
            DeregistrationDelay = Duration.Seconds(_settings.Deploy.Drain.TotalSeconds),
            HealthCheck = new HealthCheck
            {
                Enabled = true,
                Path = health.Path,
                Protocol = Protocol.HTTP,
                Interval = Duration.Seconds(health.Interval.TotalSeconds),
                Timeout = Duration.Seconds(health.Timeout.TotalSeconds),
                HealthyThresholdCount = health.HealthyThreshold,
                UnhealthyThresholdCount = health.UnhealthyThreshold,
                HealthyHttpCodes = health.SuccessCodes,
            },
        });
    }

    private FargateService CreateService(FargateTaskDefinition taskDefinition)
    {
        var deploy = _settings.Deploy;
        var scaling = _settings.Scaling;
        var strategies = new List<CapacityProviderStrategy>
        {
            // With spot in the mix, the first task always runs on regular Fargate.
            new() { CapacityProvider = "FARGATE", Weight = 1, Base = scaling.SpotWeight > 0 ? 1 : 0 },
        };
        if (scaling.SpotWeight > 0)
        {
            strategies.Add(new CapacityProviderStrategy { CapacityProvider = "FARGATE_SPOT", Weight = scaling.SpotWeight });
        }

        var service = new FargateService(this, "Service", new FargateServiceProps
        {
            ServiceName = _settings.Names.Service,
            Cluster = _environment.Cluster,
            TaskDefinition = taskDefinition,
            PlatformVersion = FargatePlatformVersion.LATEST,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            AssignPublicIp = false,
            SecurityGroups = [ServiceSecurityGroup],
            MinHealthyPercent = deploy.MinHealthyPercent,
            MaxHealthyPercent = deploy.MaxPercent,
            CircuitBreaker = deploy.CircuitBreaker ? new DeploymentCircuitBreaker { Enable = true, Rollback = deploy.Rollback } : null,
            // ECS ignores failed load balancer health checks during the grace period; without a load balancer there are none.
            HealthCheckGracePeriod = _settings.IsLoadBalanced ? Duration.Seconds(_settings.Health.GracePeriod.TotalSeconds) : null,
            CapacityProviderStrategies = strategies.ToArray(),
            EnableECSManagedTags = true,
            PropagateTags = PropagatedTagSource.SERVICE,
        });

        // The stack owns the desired count only before the first deploy (no image to run: no tasks). Then the count
        // is left out, which CloudFormation leaves untouched on an update: the first deploy raises it to the
        // configuration's count, `fargo scale` and the autoscaler own it afterwards (Fargo.Deploy's DesiredCountOwnership).
        // (A condition expression crosses into the CDK as its token string; it resolves back to the Fn::If.)
        ((CfnService)service.Node.DefaultChild!).AddPropertyOverride("DesiredCount", Fn.ConditionIf(HasLiveImage.LogicalId, Aws.NO_VALUE, 0).ToString()!);

        // [network] security_groups: the tasks carry the existing groups too. Written into the template rather than given
        // to the construct, which would open the load balancer's egress to every member of those groups: the load
        // balancer reaches the tasks through the service's own group only. RunTask of `fargo run` copies the service's
        // network configuration, groups and all.
        if (_settings.Network.SecurityGroups.Count > 0)
        {
            ((CfnService)service.Node.DefaultChild!).AddPropertyOverride(
                "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups",
                new object[] { ServiceSecurityGroup.SecurityGroupId }.Concat(_settings.Network.SecurityGroups).ToArray());
        }

        return service;
    }

    private void AddAutoscaling()
    {
        var scaling = _settings.Scaling;
        var capacity = Service.AutoScaleTaskCount(new EnableScalingProps { MinCapacity = scaling.Min, MaxCapacity = scaling.Max });
        if (scaling.CpuTarget is { } cpu)
        {
            capacity.ScaleOnCpuUtilization("CpuScaling", new CpuUtilizationScalingProps { TargetUtilizationPercent = cpu });
        }

        if (scaling.MemoryTarget is { } memory)
        {
            capacity.ScaleOnMemoryUtilization("MemoryScaling", new MemoryUtilizationScalingProps { TargetUtilizationPercent = memory });
        }

        if (scaling.RequestsPerTarget is { } requests && TargetGroup is not null)
        {
            capacity.ScaleOnRequestCount("RequestScaling", new RequestCountScalingProps { RequestsPerTarget = requests, TargetGroup = TargetGroup });
        }

        // No autoscaling before the first deploy: it would start tasks that have no image to run.
        foreach (var child in capacity.Node.FindAll())
        {
            if (child is CfnResource resource)
            {
                resource.CfnOptions.Condition = HasLiveImage;
            }
        }
    }

    private void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });
}

/// <summary>A service's own database: the instance, its generated credentials and the security group in front of it.</summary>
internal sealed record OwnedDatabase(DatabaseInstance Instance, ISecret Credentials, SecurityGroup SecurityGroup);
