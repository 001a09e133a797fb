using System.Globalization;

namespace Fargo.Config.Schema;

/// <summary>
/// Every key of fargo.toml, with its type, default and rules: the one list that the validator checks files
/// against and that the README's configuration reference is generated from.
/// </summary>
public static class ConfigSchema
{
    /// <summary>Stands for any environment variable name, the keys of [env] and [secrets].</summary>
    public const string VariablePlaceholder = "<NAME>";

    /// <summary>Stands for any environment name under [environments].</summary>
    public const string EnvironmentPlaceholder = "<env>";

    /// <summary>Stands for any top-level key an environment may override.</summary>
    public const string OverridePlaceholder = "<key>";

    /// <summary>Stands for any statement name (its Sid) under [permissions.statements].</summary>
    public const string StatementPlaceholder = "<Sid>";

    /// <summary>Stands for any service name under [services] (and [environments.&lt;env&gt;.services]).</summary>
    public const string ServicePlaceholder = "<service>";

    /// <summary>Stands for any container name under [containers] (and for the container a depends_on entry names).</summary>
    public const string ContainerPlaceholder = "<container>";

    /// <summary>The environment that always exists: the local region on this machine.</summary>
    public const string LocalEnvironment = "local";

    private const string Container = "containers." + ContainerPlaceholder;

    private const string EnvironmentPrefix = "environments." + EnvironmentPlaceholder;

    /// <summary>The top-level keys that an environment may override (tables are deep-merged).</summary>
    public static IReadOnlyList<string> OverridableKeys { get; } =
        ["secrets_path", "image", "resources", "container", "containers", "http", "health", "scaling", "deploy", "env", "secrets", "database", "network", "logs", "buckets", "local", "permissions", "iam"];

    /// <summary>
    /// The keys a [services.&lt;service&gt;] table may set: the overridable ones, and what only a service can say about
    /// itself (its port, its kind and whom it calls), which an environment does not change.
    /// </summary>
    public static IReadOnlyList<string> ServiceKeys { get; } = ["port", "kind", "calls", .. OverridableKeys];

    /// <summary>CloudWatch Logs' allowed retention periods, in days.</summary>
    public static IReadOnlyList<int> RetentionDays { get; } =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    public static IReadOnlyList<ConfigKey> Keys { get; } =
    [
        // --- the service ---
        Full("name", ConfigValueType.String, null, "The service's name. It names the ECR repository, the ECS service, the log group, the IAM roles and the default secrets path.")
            with { Required = true, Example = "name = \"my-service\"", Rule = ValueRule.ServiceName, Constraint = $"lower-case letters, digits and single hyphens, starting with a letter; at most {ValueRules.ServiceNameLimit} characters" },
        Full("port", ConfigValueType.Integer, null, "The port the container listens on. A worker has none: one set at the top level of a file with [services] is a default its workers do not take.")
            with { Example = "port = 8080", Minimum = 1, Maximum = 65535, Constraint = "required for web and internal services" },
        Full("kind", ConfigValueType.String, "\"web\"", "What the service is: web (behind the environment's load balancer, checked on [health] path), internal (a port but no load balancer; other services of the app reach it by name, through Cloud Map) or worker (no port, no load balancer; healthy when its container's [health] command passes, when given).")
            with { Example = "kind = \"worker\"", AllowedValues = [.. Model.ServiceKinds.All] },
        Full("calls", ConfigValueType.StringArray, "none", "The services of this app this one calls. Each gets <NAME>_URL (the called service's name upper-cased, \"-\" as \"_\"): http://<name>.<env>.fargo.internal:<port>, the called service's Cloud Map name; and only these paths are open between the services' security groups. Locally the name answers at a loopback endpoint that forwards to the called service's tasks. Calls in a circle (a calls b, b calls a) are refused.")
            with { Example = "calls = [\"pricing\"]", Rule = ValueRule.ServiceName, Constraint = "names of web or internal services of [services], not itself" },
        Full("secrets_path", ConfigValueType.String, "\"/<name>\"", "Every SSM parameter under this path becomes a secret of the task, named after the parameter's last segment (/todo-api/API_KEY → API_KEY). A top-level key rather than a [secrets] entry, so no secret name is reserved.")
            with { Rule = ValueRule.ParameterPath, Constraint = "an SSM parameter path such as \"/todo-api\"" },

        Full("image", ConfigValueType.Table, null, "How the image is built for AWS."),
        Full("image.dockerfile", ConfigValueType.String, "\"Dockerfile\"", "The Dockerfile, relative to this file's folder.") with { Rule = ValueRule.NotEmpty },
        Full("image.context", ConfigValueType.String, "\".\" (this file's folder)", "The build context, relative to this file's folder, e.g. the repository's root for a service in a monorepo.")
            with { Example = "context = \"../..\"", Rule = ValueRule.RelativePath, Constraint = "a relative path" },
        Full("image.target", ConfigValueType.String, "the Dockerfile's last stage", "The stage of a multi-stage Dockerfile to build (docker build --target).")
            with { Example = "target = \"runtime\"", Rule = ValueRule.BuildStage, Constraint = "a stage name" },
        Full("image.build_args", ConfigValueType.StringMap, "none", "Build arguments (docker build --build-arg NAME=value); visible in the image's history, so never secrets.")
            with { Example = "build_args = { CONFIGURATION = \"Release\" }" },
        Full("image.build_args." + VariablePlaceholder, ConfigValueType.String, null, "A build argument's value."),

        Full("resources", ConfigValueType.Table, null, "The Fargate task size and platform."),
        Full("resources.cpu", ConfigValueType.Integer, "256", "CPU units (1024 = 1 vCPU).")
            with { AllowedValues = [.. FargateTaskSizes.CpuSizes.Select(c => c.ToString(CultureInfo.InvariantCulture))] },
        Full("resources.memory", ConfigValueType.Integer, "the smallest size allowed for the cpu (2 × cpu)", "Memory in MiB.")
            with { Constraint = "one of the sizes Fargate allows for the cpu: " + string.Join("; ", FargateTaskSizes.CpuSizes.Select(c => $"{c}: {FargateTaskSizes.DescribeMemorySizes(c)}")) },
        Full("resources.platform", ConfigValueType.String, "\"linux/amd64\"", "The CPU architecture of the task and its image; \"x86_64\" and \"arm64\" are accepted as synonyms.")
            with { AllowedValues = ["linux/amd64", "linux/arm64", "x86_64", "arm64"] },

        Full("container", ConfigValueType.Table, null, "The service's container in the task definition: its memory limits, what it runs and how long it gets to stop. The same on AWS and on the local region, where the process gets the command, entry point and working directory and is killed as ECS kills it when it goes over its hard limit.")
            with { Example = "[container]" },
        Full("container.memory", ConfigValueType.Integer, "none: the task's memory is the limit", "The container's hard memory limit in MiB: ECS kills it when it goes over (exit code 137, reason \"OutOfMemoryError: Container killed due to memory usage\").")
            with { Example = "memory = 500", Minimum = 6, Constraint = "at most the task's memory ([resources] memory)" },
        Full("container.memory_reservation", ConfigValueType.Integer, "none", "The container's soft memory limit in MiB: the memory ECS reserves for it within the task; it may use more, up to memory.")
            with { Example = "memory_reservation = 300", Minimum = 6, Constraint = "at most memory, and at most the task's memory" },
        Full("container.entrypoint", ConfigValueType.StringArray, "the image's ENTRYPOINT", "The container's entry point, replacing the image's, in exec form (no shell).")
            with { Example = "entrypoint = [\"dotnet\", \"TodoApi.dll\"]", Rule = ValueRule.NotEmpty },
        Full("container.command", ConfigValueType.StringArray, "the image's CMD", "The container's command (the entry point's arguments), replacing the image's CMD, in exec form. On the local region, [local] command replaces both entry point and command when [local] is set.")
            with { Example = "command = [\"--urls\", \"http://+:8080\"]" },
        Full("container.working_directory", ConfigValueType.String, "the image's WORKDIR", "The folder the command runs in, inside the image (on the local region, inside the image's folder of files).")
            with { Example = "working_directory = \"/app\"", Rule = ValueRule.AbsolutePath, Constraint = "an absolute path" },
        Full("container.stop_timeout", ConfigValueType.Duration, "\"30s\"", "How long the container gets between SIGTERM and SIGKILL when its task stops.")
            with { Example = "stop_timeout = \"60s\"", Minimum = 2, Maximum = 120 },

        Full("containers", ConfigValueType.NamedTables, "none", "Further containers of the service's task (sidecars), beside the service's own container, which is named after the service. They share the task's network (each reaches the others on localhost and their ports, as in awsvpc), its lifecycle, its log group (each under its own stream) and its roles. On the local region each is a process of the same task ([docs/sidecars.md](docs/sidecars.md)).")
            with { Example = "[containers.proxy]" },
        Full(Container, ConfigValueType.Table, null, "One container, by name.")
            with { Rule = ValueRule.EcsName, Constraint = "the name: up to 255 letters, digits, hyphens and underscores; not the service's own container's name" },
        Full(Container + ".image", ConfigValueType.String, "the service's own image", "An image reference: a public image (\"nginx:1.27-alpine\") or an ECR URI. Fargo neither builds nor pushes it. The local region ignores it: there the container runs its [local] command in the service's own build output.")
            with { Example = "image = \"nginx:1.27-alpine\"", Rule = ValueRule.NotEmpty },
        Full(Container + ".entrypoint", ConfigValueType.StringArray, "the image's ENTRYPOINT", "The container's entry point, replacing the image's, in exec form: a sidecar that runs the service's own image with another program sets it.")
            with { Example = "entrypoint = [\"nginx\", \"-g\", \"daemon off;\"]", Rule = ValueRule.NotEmpty },
        Full(Container + ".command", ConfigValueType.StringArray, "the image's CMD", "The container's command (the entry point's arguments), in exec form.")
            with { Rule = ValueRule.NotEmpty },
        Full(Container + ".port", ConfigValueType.Integer, "none", "The port the container listens on. The containers of a task share one network, so no two of them listen on the same port.")
            with { Example = "port = 8081", Minimum = 1, Maximum = 65535 },
        Full(Container + ".target", ConfigValueType.Boolean, "false", "The load balancer sends the service's requests to this container's port (a proxy in front of the app) instead of the service's own container; the target group's health check goes to it too.")
            with { Example = "target = true", Constraint = "at most one container; needs port; web services only" },
        Full(Container + ".essential", ConfigValueType.Boolean, "true", "Whether its exit stops the task (\"Essential container in task exited\"); a non-essential container may exit and the task goes on."),
        Full(Container + ".depends_on", ConfigValueType.StringMap, "none", "The containers that must reach a condition before this one starts: START (started), HEALTHY (its health check passed; it needs one), COMPLETE (exited) or SUCCESS (exited with 0; COMPLETE and SUCCESS only on a non-essential container). The service's own container is named after the service.")
            with { Example = "depends_on = { todo-api = \"HEALTHY\" }", Constraint = "names of this task's containers; no cycles" },
        Full(Container + ".depends_on." + ContainerPlaceholder, ConfigValueType.String, null, "The condition the named container must reach.")
            with { AllowedValues = [.. Model.DependencyConditions.All] },
        Full(Container + ".env", ConfigValueType.StringMap, "none", "The container's environment variables (it does not get the service's [env]). On the local region, localhost:<port> and 127.0.0.1:<port> in a value, for a port of the task's containers, name where that container listens there."),
        Full(Container + ".env." + VariablePlaceholder, ConfigValueType.String, null, "A variable's value."),
        Full(Container + ".secrets", ConfigValueType.StringMap, "none", "The container's secrets, as [secrets] (it does not get the service's)."),
        Full(Container + ".secrets." + VariablePlaceholder, ConfigValueType.String, null, "An SSM parameter name, or the ARN of an SSM parameter or of a Secrets Manager secret.")
            with { Rule = ValueRule.SecretReference, Constraint = "\"/param/name\" or an ARN" },
        Full(Container + ".cpu", ConfigValueType.Integer, "none", "CPU units reserved for the container within the task.") with { Minimum = 0, Constraint = "with the other containers' cpu, at most [resources] cpu" },
        Full(Container + ".memory", ConfigValueType.Integer, "none: the task's memory is the limit", "The container's hard memory limit in MiB.") with { Minimum = 6, Constraint = "at most [resources] memory" },
        Full(Container + ".health", ConfigValueType.Table, null, "The container's health check (ECS's container health check)."),
        Full(Container + ".health.command", ConfigValueType.StringArray, null, "The check, in exec form; it exits 0 when healthy.")
            with { Required = true, Example = "command = [\"wget\", \"-q\", \"-O-\", \"http://localhost:8081/_health\"]", Rule = ValueRule.NotEmpty },
        Full(Container + ".health.interval", ConfigValueType.Duration, "\"30s\"", "Time between two checks.") with { Minimum = 5, Maximum = 300 },
        Full(Container + ".health.timeout", ConfigValueType.Duration, "\"5s\"", "How long a check may take.") with { Minimum = 2, Maximum = 60 },
        Full(Container + ".health.retries", ConfigValueType.Integer, "3", "Failures in a row before the container is unhealthy.") with { Minimum = 1, Maximum = 10 },
        Full(Container + ".health.start_period", ConfigValueType.Duration, "\"0s\"", "How long failures do not count after the container starts.") with { Minimum = 0, Maximum = 300 },
        Full(Container + ".local", ConfigValueType.Table, null, "How the local region runs the container: a command in the service's own build output ([local] build writes it)."),
        Full(Container + ".local.command", ConfigValueType.String, null, "The command that starts the container locally, run in the service's build output folder.")
            with { Required = true, Example = "command = \"python3 proxy.py\"", Rule = ValueRule.NotEmpty },

        Full("http", ConfigValueType.Table, null, "Which requests the environment's load balancer sends to the service: a host name, a path prefix, or both. Services that share an environment each need their own; a second service with the same host and path is refused, naming both. Listener rule priorities follow from them: host before no host, longer paths before their prefixes, so the most specific rule wins.")
            with { Example = "[http]" },
        Full("http.path", ConfigValueType.String, "\"/\" (every path)", "The path prefix the service answers under: \"/api\" takes /api and /api/… (the path patterns \"/api\" and \"/api/*\"). The app sees the whole path, prefix included, as on an ALB.")
            with { Example = "path = \"/api\"", Rule = ValueRule.HttpPath, Constraint = $"\"/\" or \"/\" and up to {Model.HttpSettings.MaxPathSegments} segments of letters, digits, '-', '_', '.' and '~', no trailing \"/\"" },
        Full("http.host", ConfigValueType.String, "network.domain, when there is one; else any host", "The host name the service answers for. The environment's certificate must cover it (network.domain's, or network.certificate); Fargo makes a DNS record for network.domain only.")
            with { Example = "host = \"api.example.com\"", Rule = ValueRule.DomainName },

        Full("health", ConfigValueType.Table, null, "The load balancer's health check of each task, and the grace period ECS gives a new task."),
        Full("health.path", ConfigValueType.String, "\"/_health\"", "The path the health check requests.") with { Rule = ValueRule.HealthPath, Constraint = "starts with \"/\"" },
        Full("health.interval", ConfigValueType.Duration, "\"10s\"", "Time between two checks of a task.") with { Minimum = 5, Maximum = 300 },
        Full("health.timeout", ConfigValueType.Duration, "\"5s\"", "How long a check waits for an answer.") with { Minimum = 2, Maximum = 120, Constraint = "shorter than the interval" },
        Full("health.healthy_threshold", ConfigValueType.Integer, "2", "Consecutive passed checks before a task counts as healthy.") with { Minimum = 2, Maximum = 10 },
        Full("health.unhealthy_threshold", ConfigValueType.Integer, "3", "Consecutive failed checks before a task counts as unhealthy (the ALB's own default is 2; one more absorbs a single slow answer).") with { Minimum = 2, Maximum = 10 },
        Full("health.grace_period", ConfigValueType.Duration, "\"30s\"", "How long ECS ignores failed health checks of a newly started task.") with { Minimum = 0, Maximum = int.MaxValue },
        Full("health.command", ConfigValueType.StringArray, "none", "A health check the container runs itself (ECS's container health check, [\"CMD\", …]), in exec form; it exits 0 when healthy. A worker's only health check; a web service gets it beside the load balancer's. It runs every interval, fails after timeout, marks the container unhealthy after unhealthy_threshold failures in a row, and is not counted during grace_period (ECS allows at most 5m of it).")
            with { Example = "command = [\"dotnet\", \"TodoApi.dll\", \"--health\"]", Rule = ValueRule.NotEmpty, Constraint = "at least one item; with it, timeout at most 1m" },
        Full("health.success_codes", ConfigValueType.String, "\"200-399\"", "HTTP codes that pass the check: a code, a list or a range.")
            with { Rule = ValueRule.SuccessCodes, Constraint = "codes 200-499, e.g. \"200\", \"200,204\", \"200-399\"" },

        Full("scaling", ConfigValueType.Table, null, "How many tasks run: a fixed count, or autoscaling between min and max. An environment that sets count drops the inherited min/max and targets, and one that sets min or max drops the inherited count."),
        Full("scaling.count", ConfigValueType.Integer, "1", "A fixed number of tasks.") with { Minimum = 0, Constraint = "not with min/max in the same table" },
        Full("scaling.min", ConfigValueType.Integer, null, "The fewest tasks when autoscaling.") with { Minimum = 0, Constraint = "with max; at most max" },
        Full("scaling.max", ConfigValueType.Integer, null, "The most tasks when autoscaling.") with { Minimum = 1, Constraint = "with min" },
        Full("scaling.cpu", ConfigValueType.Integer, null, "Target average CPU utilization, in percent.") with { Minimum = 1, Maximum = 100 },
        Full("scaling.memory", ConfigValueType.Integer, null, "Target average memory utilization, in percent.") with { Minimum = 1, Maximum = 100 },
        Full("scaling.requests", ConfigValueType.Integer, null, "Target requests per task per minute (the ALB's RequestCountPerTarget).") with { Minimum = 1 },
        Full("scaling.spot_weight", ConfigValueType.Integer, "0", "Weight of FARGATE_SPOT against a weight of 1 for FARGATE; 0 runs on-demand only.") with { Minimum = 0, Maximum = 1000 },

        Full("deploy", ConfigValueType.Table, null, "How ECS rolls out a new revision."),
        Full("deploy.min_healthy_percent", ConfigValueType.Integer, "100", "Healthy tasks kept during a deployment, in percent of the desired count.") with { Minimum = 0, Maximum = 100 },
        Full("deploy.max_percent", ConfigValueType.Integer, "200", "Tasks allowed during a deployment, in percent of the desired count.") with { Minimum = 100, Constraint = "greater than min_healthy_percent" },
        Full("deploy.drain", ConfigValueType.Duration, "\"30s\"", "The target group's deregistration delay: how long a stopping task keeps finishing its requests (the ALB's own default is 300s).") with { Minimum = 0, Maximum = 3600 },
        Full("deploy.timeout", ConfigValueType.Duration, "\"15m\"", "How long `fargo deploy` waits for the rollout to finish.") with { Minimum = 1, Maximum = int.MaxValue },
        Full("deploy.circuit_breaker", ConfigValueType.Boolean, "true", "ECS's deployment circuit breaker: a rollout whose tasks keep failing is marked FAILED."),
        Full("deploy.rollback", ConfigValueType.Boolean, "true", "Roll back to the last good revision when the circuit breaker trips.") with { Constraint = "needs circuit_breaker" },

        Full("env", ConfigValueType.StringMap, null, "Environment variables of the container; an environment's [env] adds to and overrides these."),
        Full("env." + VariablePlaceholder, ConfigValueType.String, null, "A variable's value."),

        Full("secrets", ConfigValueType.StringMap, null, "Secrets given to the container as environment variables, besides every parameter under secrets_path. Values are never read or printed by Fargo."),
        Full("secrets." + VariablePlaceholder, ConfigValueType.String, null, "An SSM parameter name, or the ARN of an SSM parameter or of a Secrets Manager secret.")
            with { Rule = ValueRule.SecretReference, Constraint = "\"/param/name\" or an ARN" },

        Full("database", ConfigValueType.Table, null, "A PostgreSQL database for the service (RDS on AWS, a local server on the local region). Present = on. The task gets DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD, or the variables [database] env names."),
        Full("database.engine", ConfigValueType.String, "\"postgres\"", "The database engine.") with { AllowedValues = ["postgres"] },
        Full("database.name", ConfigValueType.String, "the service's name with \"-\" as \"_\"", "The database's name.") with { Rule = ValueRule.DatabaseName },
        Full("database.version", ConfigValueType.String, "\"16\"", "The PostgreSQL version, major or major.minor.") with { Rule = ValueRule.PostgresVersion },
        Full("database.instance_class", ConfigValueType.String, "\"db.t4g.micro\"", "The RDS instance class.") with { Rule = ValueRule.InstanceClass },
        Full("database.storage", ConfigValueType.Integer, "20", "Allocated storage in GiB.") with { Minimum = 20, Maximum = 65536 },
        Full("database.env", ConfigValueType.StringMap, "DB_HOST = \"host\", DB_PORT = \"port\", DB_NAME = \"dbname\", DB_USER = \"username\", DB_PASSWORD = \"password\"", "The variables the app reads its database settings from, each naming a field of the generated credentials; when set, the task gets these instead of the default five. The same on AWS and on the local region, with no ARN to copy.")
            with { Example = "env = { DB_PWD = \"password\", DB_USER_NAME = \"username\", DATABASE_URL = \"url\" }" },
        Full("database.env." + VariablePlaceholder, ConfigValueType.String, null, "A field of the credentials: url is postgresql://username:password@host:port/dbname (with ?sslmode=require on AWS, whose RDS requires TLS).")
            with { AllowedValues = [.. Model.DatabaseFields.All] },
        Full("database.multi_az", ConfigValueType.Boolean, "false", "A standby in the second availability zone."),
        Full("database.service", ConfigValueType.String, "none: the service's own database", "In an app of several services, another service of the app whose database this one uses (database = { service = \"todo-api\" } in [services.<name>]): no instance of its own, the owner's credentials handed to the task as the same variables (or the ones [database] env names), and the owner's database security group admits this service's tasks. The owner is deployed before it and taken down after it. The instance's keys (engine, name, version, instance_class, storage, multi_az) are the owner's: set beside service they are an error; inherited from the app's [database] they are ignored."),

        Full("network", ConfigValueType.Table, null, "The load balancer, DNS, VPC, security groups and cluster of an AWS environment. The load balancer, its security group and the cluster belong to the environment (its stack, fargo-<env>, shared by its services): load_balancer, domain, hosted_zone, certificate, nat, vpc_id, ingress and cluster (and logs.retention_days, which also expires the load balancer's access logs) must be the same in every service's file. The environment records the ones it was made with and the file they came from; `fargo infra up` and `fargo up` refuse a file that disagrees, naming the key and both files, before changing anything. Only the service whose file made the environment changes them.")
            with { Example = "[network]" },
        Full("network.load_balancer", ConfigValueType.String, "\"public\"", "An internet-facing or an internal load balancer.") with { AllowedValues = ["public", "internal"] },
        Full("network.domain", ConfigValueType.String, null, "The service's domain name; gets an alias record and, without certificate, a DNS-validated certificate.")
            with { Rule = ValueRule.DomainName, Constraint = "needs hosted_zone or certificate; inside hosted_zone" },
        Full("network.hosted_zone", ConfigValueType.String, null, "The Route 53 hosted zone that holds domain.") with { Rule = ValueRule.DomainName },
        Full("network.certificate", ConfigValueType.String, null, "An existing ACM certificate ARN for the HTTPS listener.")
            with { Rule = ValueRule.CertificateArn, Constraint = "in the environment's region" },
        Full("network.nat", ConfigValueType.String, "\"per-az\"", "One NAT gateway per availability zone, or a single one to save cost.") with { AllowedValues = ["per-az", "single"] },
        Full("network.vpc_id", ConfigValueType.String, null, "Use this existing VPC instead of creating one.") with { Rule = ValueRule.VpcId },
        Full("network.security_groups", ConfigValueType.StringArray, "none", "Existing security groups every task of the service carries beside Fargo's own (the ECS service's network configuration, and so `fargo run`'s tasks too), e.g. an organisation's mandatory groups. They must be in the environment's VPC. The local region records them with the service.")
            with { Example = "security_groups = [\"sg-0123456789abcdef0\"]", Rule = ValueRule.SecurityGroupId, Constraint = $"security group ids, sg- and 8 or 17 hex digits; at most {Model.NetworkSettings.MaxExtraSecurityGroups} (ECS allows 5 per task, one is Fargo's)" },
        Full("network.ingress", ConfigValueType.StringArray, "anywhere (0.0.0.0/0) for a public load balancer, the VPC's block for an internal one", "The CIDR blocks the load balancer's security group admits on its listener ports (HTTP 80, and HTTPS 443 with a certificate), instead of the default. IPv6 blocks are admitted as written; Fargo's load balancer itself is IPv4, so they matter once its VPC and load balancer take IPv6. The local region's load balancer listens on loopback only, whatever the blocks.")
            with { Example = "ingress = [\"203.0.113.0/24\", \"2001:db8::/32\"]", Rule = ValueRule.CidrBlock, Constraint = "IPv4 or IPv6 CIDR blocks with no host bits set, e.g. \"10.0.0.0/8\"; at least one" },
        Full("network.cluster", ConfigValueType.String, "the environment's own, fargo-<env>", "An existing ECS cluster, by name, that the service runs in instead of the environment's own: the stacks then neither create nor delete a cluster, and deploy, status, run, scale and verify all target this one. It must have the FARGATE capacity provider (and FARGATE_SPOT with spot_weight). On the local region it must already exist there; `fargo infra up` fails as on AWS when it does not.")
            with { Example = "cluster = \"platform-shared\"", Rule = ValueRule.EcsName, Constraint = "an ECS cluster name: up to 255 letters, digits, hyphens and underscores" },

        Full("logs", ConfigValueType.Table, null, "The CloudWatch log group of the service."),
        Full("logs.retention_days", ConfigValueType.Integer, "30", "How long logs are kept.")
            with { AllowedValues = [.. RetentionDays.Select(d => d.ToString(CultureInfo.InvariantCulture))] },

        Full("buckets", ConfigValueType.Table, null, "Optional S3 buckets of the service."),
        Full("buckets.data", ConfigValueType.Boolean, "false", "A private data bucket the task role may read and write."),
        Full("buckets.reports", ConfigValueType.Boolean, "false", "A reports bucket served through CloudFront (on the local region by a local distribution, whose URL `fargo status` shows)."),

        Full("permissions", ConfigValueType.Table, null, "What the app itself may do on AWS: statements and managed policies added to the task role, besides the buckets Fargo grants. On the local region the statements are enforced on the task's calls to the local region made with its role's credentials (docs/iam.md; of AWS's managed policies only AmazonECSTaskExecutionRolePolicy is known there).")
            with { Example = "[permissions]" },
        Full("permissions.managed_policies", ConfigValueType.StringArray, "none", "Managed policies attached to the task role, by ARN.")
            with { Example = "managed_policies = [\"arn:aws:iam::aws:policy/AmazonSESFullAccess\"]", Rule = ValueRule.ManagedPolicyArn, Constraint = "arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<name>" },
        Full("permissions.statements", ConfigValueType.NamedTables, null, "IAM statements (Effect Allow) of the task role's policy, by name; an environment's statement of the same name replaces the inherited one key by key.")
            with { Example = "[permissions.statements.SendOrders]" },
        Full("permissions.statements." + StatementPlaceholder, ConfigValueType.Table, null, "One statement; its name is its Sid.")
            with { Rule = ValueRule.StatementId, Constraint = "the name: letters and digits" },
        Full("permissions.statements." + StatementPlaceholder + ".actions", ConfigValueType.StringArray, null, "The actions allowed, service:Action; * and ? are wildcards.")
            with { Required = true, Example = "actions = [\"sqs:SendMessage\"]", Rule = ValueRule.IamAction, Constraint = "at least one" },
        Full("permissions.statements." + StatementPlaceholder + ".resources", ConfigValueType.StringArray, null, "The resources, by ARN, or \"*\".")
            with { Required = true, Example = "resources = [\"arn:aws:sqs:us-east-1:111111111111:orders\"]", Rule = ValueRule.IamResource, Constraint = "at least one" },
        Full("permissions.statements." + StatementPlaceholder + ".conditions", ConfigValueType.Conditions, "none", "IAM conditions: operator = { condition key = value or [values] }.")
            with { Example = "conditions = { StringEquals = { \"aws:RequestedRegion\" = \"us-east-1\" } }" },

        Full("iam", ConfigValueType.Table, null, "Account guard rails for every IAM role Fargo creates: the task, execution, deploy, read and pipeline roles, and the helper roles the stacks need.")
            with { Example = "[iam]" },
        Full("iam.path", ConfigValueType.String, "\"/\"", "The path the roles live under; it is part of their ARNs, which Fargo derives with it.")
            with { Example = "path = \"/delegatedadmin/developer/\"", Rule = ValueRule.IamPath, Constraint = "starts and ends with \"/\"" },
        Full("iam.permissions_boundary", ConfigValueType.String, "none", "The managed policy every role carries as its permissions boundary.")
            with { Example = "permissions_boundary = \"arn:aws:iam::111111111111:policy/DeveloperBoundary\"", Rule = ValueRule.ManagedPolicyArn, Constraint = "a managed policy ARN" },

        Full("local", ConfigValueType.Table, null, "How the local region builds and runs the service without Docker."),
        Full("local.build", ConfigValueType.String, null, "The build command, run in this file's folder; it writes the runnable service to {out}.") with { Rule = ValueRule.LocalBuild, Constraint = "contains {out}" },
        Full("local.command", ConfigValueType.String, null, "The command that starts the service, run in the build output folder.") with { Rule = ValueRule.NotEmpty, Constraint = "required in [local]" },

        // --- several services ---
        Full("services", ConfigValueType.Table, null, "The services of an app of several. Without this table the file is one service, named name. With it, name names the app, and every top-level key is a default each service takes, deep-merged as an environment's overrides are; [environments.<env>] overrides then apply to every service, and [environments.<env>.services.<service>] to one.")
            with { Example = "[services.todo-worker]" },
        Full("services." + ServicePlaceholder, ConfigValueType.Table, null, "One service: its own name (the ECS service, ECR repository, log group and roles, as name does for a single service).")
            with { Constraint = $"the name: lower-case letters, digits and single hyphens, starting with a letter; at most {ValueRules.ServiceNameLimit} characters" },
        Full("services." + ServicePlaceholder + "." + OverridePlaceholder, ConfigValueType.Table, null, "Any top-level key except name, services, environments and pipeline: port, kind, calls, secrets_path and the tables [image] … [local], over the top level's."),

        // --- environments ---
        Full("environments", ConfigValueType.Table, null, "The environments. \"local\" (the local region: account 000000000000, region \"local\") always exists; define [environments.local] only to override settings for it."),
        Full(EnvironmentPrefix, ConfigValueType.Table, null, "One environment.")
            with { Constraint = $"the name: lower-case letters, digits and single hyphens, starting with a letter; at most {ValueRules.EnvironmentNameLimit} characters" },
        Full(EnvironmentPrefix + ".account", ConfigValueType.String, null, "The AWS account id.") with { Rule = ValueRule.AccountId, Constraint = "12 digits, as a string; required except for local" },
        Full(EnvironmentPrefix + ".region", ConfigValueType.String, null, "The AWS region.") with { Rule = ValueRule.Region, Constraint = "e.g. \"us-east-1\"; required except for local" },
        Full(EnvironmentPrefix + ".requires_approval", ConfigValueType.Boolean, "false", "Deploys ask for confirmation (unless --yes)."),
        Full(EnvironmentPrefix + "." + OverridePlaceholder, ConfigValueType.Table, null, "Overrides of any top-level key above except name, port, kind and calls (secrets_path, [image] … [local]) for this environment; tables are deep-merged, key by key, whether written as [environments.prod.scaling] or inline as scaling = { min = 4 }. In a file with [services], they apply to every service."),
        Full(EnvironmentPrefix + ".services", ConfigValueType.Table, null, "Overrides for one service of [services] in this environment: [environments.prod.services.todo-worker] takes the keys an environment overrides, merged last.")
            with { Constraint = "names of [services]" },

        // --- the pipeline (top level only: it spans the environments) ---
        Full("pipeline", ConfigValueType.Table, null, "CI/CD (`fargo pipeline github`, `fargo pipeline codepipeline`): the first stage builds the image once, runs the test inside it, pushes and deploys it; every later stage promotes that very digest and deploys it, the last one after a person approves. Set at the top level only.")
            with { Example = "[pipeline]" },
        Full("pipeline.repository", ConfigValueType.String, "read from `git remote get-url origin`", "The GitHub repository, which the deploy roles trust (OIDC subject repo:<owner>/<name>:environment:<env>) and the CodePipeline source reads.")
            with { Example = "repository = \"acme/todo-api\"", Rule = ValueRule.GitHubRepository, Constraint = "\"owner/name\"" },
        Full("pipeline.branch", ConfigValueType.String, "\"main\"", "The branch whose pushes run the pipeline.")
            with { Example = "branch = \"main\"", Rule = ValueRule.GitBranch, Constraint = "a git branch name" },
        Full("pipeline.stages", ConfigValueType.StringArray, "every AWS environment, in the order written", "The environments the image goes through, in order. The last one is the protected `production` GitHub environment (or the approval action of CodePipeline).")
            with { Example = "stages = [\"qa\", \"prod\"]", Constraint = "at least one; names of [environments], not `local` (an environment of the local region rehearses the pipeline on this machine); each once" },
        Full("pipeline.test", ConfigValueType.Commands, "none", "A command, or a list of commands, each run inside the built image as its entry point, in order, before anything is pushed (also by the pull-request job); the first that fails stops the pipeline.")
            with { Example = "test = [\"dotnet TodoApi.dll --self-test\", \"dotnet TodoApi.dll --check-migrations\"]", Rule = ValueRule.NotEmpty, Constraint = "at least one command" },
        Full("pipeline.infra", ConfigValueType.Boolean, "false", "The pipeline applies the infrastructure too: right before each stage's deploy, its job (GitHub Actions or CodePipeline) runs `fargo infra diff --env <stage>` (the changes, in the job's log) and `fargo infra up --env <stage> --yes`. The pull-request job has no AWS credentials, so it diffs nothing: it synthesizes every stage offline (`fargo infra synth`). The deploy roles (`fargo infra up --env <stage> --oidc`, again after turning this on) then may assume the account's CDK bootstrap roles, so the account must be bootstrapped (`fargo infra up --bootstrap`, once per account and region).")
            with { Example = "infra = true" },
        Full("pipeline.approvers", ConfigValueType.StringArray, "none", "E-mail addresses subscribed to the approval topic of CodePipeline (GitHub's `production` environment names its reviewers in the repository's settings instead).")
            with { Example = "approvers = [\"ann@example.com\"]", Rule = ValueRule.EmailAddress, Constraint = "e-mail addresses" },
        Full("pipeline.connection", ConfigValueType.String, null, "The CodeConnections (CodeStar) connection CodePipeline reads GitHub through; without it, a GitHub webhook authenticated with the GITHUB_HMAC secret.")
            with { Example = "connection = \"arn:aws:codeconnections:us-east-1:111111111111:connection/0a1b2c3d-0000-4000-8000-000000000000\"", Rule = ValueRule.ConnectionArn, Constraint = "arn:aws:codeconnections:<region>:<account>:connection/<id>" },

        // --- the flat format ---
        Flat("account", ConfigValueType.String, "The AWS account id.") with { Example = "account = \"123456789012\"", Rule = ValueRule.AccountId, Constraint = "12 digits, as a string" },
        Flat("region", ConfigValueType.String, "The AWS region.") with { Example = "region = \"us-east-1\"", Rule = ValueRule.Region, Constraint = "e.g. \"us-east-1\"" },
        Flat("cluster", ConfigValueType.String, "The existing ECS cluster, by name or ARN.") with { Example = "cluster = \"my-cluster\"", Rule = ValueRule.EcsClusterReference },
        Flat("service", ConfigValueType.String, "The existing ECS service, by name. Also the task family, the container name, the secrets path /<service> and the log group /aws/ecs/fargate/<service>.") with { Example = "service = \"my-service\"", Rule = ValueRule.EcsName },
        Flat("port", ConfigValueType.Integer, "The port the container listens on.") with { Example = "port = 8080", Minimum = 1, Maximum = 65535 },
        Flat("execution_role_arn", ConfigValueType.String, "The task execution role (pulls the image, reads the secrets, writes the logs).") with { Example = "execution_role_arn = \"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\"", Rule = ValueRule.RoleArn },
        Flat("task_role_arn", ConfigValueType.String, "The task role (what the app itself may do).") with { Example = "task_role_arn = \"arn:aws:iam::123456789012:role/my-service-task\"", Rule = ValueRule.RoleArn },
    ];

    private static readonly Dictionary<(ConfigFormat, string), ConfigKey> ByPath =
        Keys.ToDictionary(k => (k.Format, k.Path));

    /// <summary>The key at a schema path (placeholders for variable and environment names), or null.</summary>
    public static ConfigKey? Find(ConfigFormat format, string path) => ByPath.GetValueOrDefault((format, path));

    /// <summary>The keys directly inside a table ("" for the top level).</summary>
    public static IEnumerable<ConfigKey> Children(ConfigFormat format, string parent) =>
        Keys.Where(k => k.Format == format && k.Parent == parent);

    private static ConfigKey Full(string path, ConfigValueType type, string? defaultValue, string description) =>
        new(path, ConfigFormat.Full, type, defaultValue, description);

    private static ConfigKey Flat(string path, ConfigValueType type, string description) =>
        new(path, ConfigFormat.Flat, type, null, description) { Required = true };
}
