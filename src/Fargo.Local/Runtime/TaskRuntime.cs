using System.Collections.Concurrent;
using System.Globalization;
using Fargo.Aws.Ecs;
using Fargo.Local.Ecr;
using Fargo.Local.Ecs;
using Fargo.Local.Engine;
using Fargo.Local.Home;
using Fargo.Local.Logs;
using Fargo.Local.SecretsManager;
using Fargo.Local.Ssm;
using Fargo.Local.Sts;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.Runtime;

/// <summary>
/// Runs tasks as local processes: resolves each container's image to its artifact folder, builds its
/// environment (task definition, overrides, secrets from the local SSM, PORT), starts it, captures its
/// output into CloudWatch Logs, runs its health check, signals it, and notices when it exits. Knows
/// nothing of services or deployments; the control plane decides what runs.
/// </summary>
internal sealed partial class TaskRuntime : IDisposable
{
    /// <summary>Set in every task process: which engine home and task it belongs to, for finding orphans after a crash.</summary>
    public const string HomeMarker = "FARGO_LOCAL_HOME";

    public const string TaskMarker = "FARGO_LOCAL_TASK_ID";

    /// <summary>The container reason ECS gives a container it killed for going over its hard memory limit.</summary>
    public const string OutOfMemoryReason = "OutOfMemoryError: Container killed due to memory usage";

    /// <summary>The exit code of a container killed for its memory: SIGKILL, as Docker reports it (128 + 9).</summary>
    public const int OutOfMemoryExitCode = 137;

    // How old a reading of the processes' memory may be: one scan of /proc serves every task of a tick.
    private const long MiB = 1024 * 1024;

    private static readonly TimeSpan MemorySampleAge = TimeSpan.FromMilliseconds(100);

    // What a process inherits from the engine's environment: enough to find programs (dotnet, python) and
    // to behave normally, and nothing of the engine's own configuration or credentials.
    private static readonly string[] InheritedVariables =
        ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES", "PYTHONPATH"];

    private readonly FargoHome _home;
    private readonly EngineOptions _options;
    private readonly ImageRegistry _registry;
    private readonly ParameterStore _parameters;
    private readonly SecretStore _secrets;
    private readonly LogStore _logs;
    private readonly LoopbackPorts _ports;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, RunningTask> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ProcessGroupMemory _memory;
    private readonly IExecutionRoleAuthorizer? _executionRoles;

    private const string SsmSecretsFailure =
        "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): ";
    private Uri? _regionEndpoint;
    private IPrivateDns? _privateDns;
    private LocalCredentials? _regionCredentials;

    public TaskRuntime(
        FargoHome home,
        EngineOptions options,
        ImageRegistry registry,
        ParameterStore parameters,
        SecretStore secrets,
        LogStore logs,
        LoopbackPorts ports,
        TimeProvider time,
        ILogger logger,
        IExecutionRoleAuthorizer? executionRoles = null)
    {
        _executionRoles = executionRoles;
        _home = home;
        _options = options;
        _registry = registry;
        _parameters = parameters;
        _secrets = secrets;
        _logs = logs;
        _ports = ports;
        _time = time;
        _logger = logger;
        _memory = new ProcessGroupMemory(time, MemorySampleAge);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var task in _running.Values)
        {
            task.DisposeMonitors();
        }

        _stopping.Dispose();
    }

    /// <summary>
    /// PENDING: finds each container's image in the local registry. Returns null when all resolve, else the
    /// stop reason ("CannotPullContainerError: …").
    /// </summary>
    public string? PullImages(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        foreach (var container in task.Containers)
        {
            var reference = ImageReference.TryParse(container.Image);
            var digest = reference is null ? null : _registry.Resolve(reference);
            if (digest is null || _registry.Artifacts.TryGetRoot(digest) is null)
            {
                var where = reference is null
                    ? $"{container.Image} is not in the local registry ({LocalRegionConstants.RegistryHost})"
                    : $"failed to resolve ref {ImageReference.UriOf(reference.Repository, reference.Tag, reference.Digest)}: not found";
                return $"CannotPullContainerError: pull image manifest has been retried 1 time(s): {where}";
            }

            container.ImageDigest = digest;
        }

        return null;
    }

    /// <summary>
    /// ACTIVATING: prepares every container (their ports first, since each one's environment may name the others') and
    /// starts those that wait for no other (dependsOn); <see cref="StartReady"/> starts the rest as their dependencies
    /// reach their conditions. Returns null when that went well, else the stop reason ("ResourceInitializationError: …"
    /// or "CannotStartContainerError: …"); nothing is left running then.
    /// </summary>
    public string? Start(TaskRecord task, TaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(definition);
        var running = new RunningTask(task.Id);
        try
        {
            foreach (var container in task.Containers)
            {
                AllocateBindings(container, definition.ContainerDefinitions!.First(c => c.Name == container.Name));
            }

            var ports = TaskAddresses.Of(task, _privateDns);
            foreach (var container in task.Containers)
            {
                var containerDefinition = definition.ContainerDefinitions!.First(c => c.Name == container.Name);
                var failure = Prepare(task, container, containerDefinition, ports, task.Overrides?.TaskRoleArn ?? definition.TaskRoleArn, task.Overrides?.ExecutionRoleArn ?? definition.ExecutionRoleArn, out var launch, out var destination);
                if (failure is not null)
                {
                    ReleasePorts(task);
                    return failure;
                }

                running.Pending.Add(new PendingContainer(container, containerDefinition, launch!, destination));
            }
        }
        catch (LocalRuntimeException e)
        {
            ReleasePorts(task);
            return e.Message;
        }

        _running[task.Id] = running;
        return StartReady(task);
    }

    /// <summary>
    /// Starts each container not started yet whose dependencies have reached their conditions (START: started; HEALTHY:
    /// its health check passed; COMPLETE: exited; SUCCESS: exited with 0), in the task definition's order. Returns the stop
    /// reason when a container cannot start or a dependency can no longer be met; every process of the task is killed then.
    /// </summary>
    public string? StartReady(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_running.TryGetValue(task.Id, out var running))
        {
            return null;
        }

        var startedOne = true;
        while (startedOne)
        {
            startedOne = false;
            foreach (var pending in running.Pending.ToList())
            {
                var (ready, failure) = Dependencies(task, running, pending.Definition);
                if (failure is null && !ready)
                {
                    continue;
                }

                if (failure is null)
                {
                    failure = Spawn(task, running, pending);
                    startedOne = failure is null;
                }

                if (failure is not null)
                {
                    Kill(running);
                    ReleasePorts(task);
                    return failure;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the task's containers were prepared (<see cref="Start"/>) or adopted: started, or waiting to.</summary>
    public bool IsPrepared(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return _running.ContainsKey(task.Id);
    }

    /// <summary>Whether every container of the task has started (or been started and exited): none waits for a dependency.</summary>
    public bool AllStarted(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !_running.TryGetValue(task.Id, out var running) || running.Pending.Count == 0;
    }

    private string? Spawn(TaskRecord task, RunningTask running, PendingContainer pending)
    {
        SpawnedContainerProcess process;
        try
        {
            process = SpawnedContainerProcess.Start(pending.Launch);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return $"CannotStartContainerError: failed to start container \"{pending.Record.Name}\": {e.Message}";
        }

        running.Pending.Remove(pending);
        var record = pending.Record;
        record.ProcessId = process.ProcessId;
        record.ProcessStartTicks = process.StartTicks;
        record.LastStatus = TaskStatuses.Running;
        record.Exited = false;
        running.Containers[record.Name] = Track(task, record, pending.Definition, pending.Launch, pending.Destination, process);
        return null;
    }

    /// <summary>Whether a container's dependencies are met now, and why they never will be when that is so.</summary>
    private static (bool Ready, string? Failure) Dependencies(TaskRecord task, RunningTask running, ContainerDefinition definition)
    {
        foreach (var dependency in definition.DependsOn ?? [])
        {
            var other = task.Containers.Find(c => c.Name == dependency.ContainerName);
            if (other is null || !running.Containers.ContainsKey(other.Name))
            {
                return (false, null);
            }

            var condition = dependency.Condition.Value;
            var met = condition switch
            {
                "HEALTHY" => other.HealthStatus == "HEALTHY",
                "COMPLETE" => other.Exited,
                "SUCCESS" => other.Exited && other.ExitCode == 0,
                _ => true,
            };
            if (met)
            {
                continue;
            }

            // A container that exited never becomes healthy, and one that failed never succeeds.
            if (other.Exited && condition is "HEALTHY" or "SUCCESS")
            {
                return (false, $"CannotStartContainerError: container \"{definition.Name}\" depends on \"{other.Name}\" being {condition}, and it exited with {other.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "no exit code"}");
            }

            return (false, null);
        }

        return (true, null);
    }

    /// <summary>
    /// After an engine restart: takes back the processes of a task that was running (pid and start time
    /// must match, so a recycled pid is never mistaken for ours). Containers found gone are marked exited
    /// with the exit code their wrapper recorded. Returns false when the task has no live process left.
    /// </summary>
    public bool Adopt(TaskRecord task, TaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(definition);
        var running = new RunningTask(task.Id);
        var anyAlive = false;
        foreach (var container in task.Containers)
        {
            foreach (var binding in container.NetworkBindings)
            {
                if (binding.HostPort is { } port)
                {
                    _ports.Reserve(port);
                }
            }

            var containerDefinition = definition.ContainerDefinitions!.First(c => c.Name == container.Name);
            var launch = DescribeLaunch(task, container, containerDefinition, environment: null);
            var destination = LogDestinationOf(task, container, containerDefinition);
            ContainerProcess? process = container.ProcessId is { } pid && !container.Exited
                ? AdoptedContainerProcess.TryAdopt(pid, container.ProcessStartTicks, launch.ExitCodeFile, _stopping.Token)
                : null;
            if (process is null)
            {
                var capture = new OutputCapture(_logs, _time, CaptureSource(task, container), launch.OutputFile, destination);
                running.Containers[container.Name] = new RunningContainer(null, capture, null, ReadExitCode(launch.ExitCodeFile));
                continue;
            }

            anyAlive = true;
            // The health check needs the task's environment again: rebuild it (secrets re-read from SSM).
            Dictionary<string, string>? environment = null;
            try
            {
                environment = BuildEnvironment(task, container, containerDefinition, TaskAddresses.Of(task, _privateDns), task.Overrides?.TaskRoleArn ?? definition.TaskRoleArn, task.Overrides?.ExecutionRoleArn ?? definition.ExecutionRoleArn);
            }
            catch (LocalRuntimeException e)
            {
                LogCannotRebuildEnvironment(_logger, task.Id, e.Message);
            }

            running.Containers[container.Name] = Track(task, container, containerDefinition, launch with { Environment = environment ?? [] }, destination, process);
        }

        _running[task.Id] = running;
        return anyAlive;
    }

    /// <summary>Sends a signal to every container process group of the task still running.</summary>
    public void Signal(TaskRecord task, int signal)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_running.TryGetValue(task.Id, out var running))
        {
            return;
        }

        foreach (var container in running.Containers.Values)
        {
            if (container.Process is { HasExited: false } process)
            {
                process.Signal(signal);
            }
        }
    }

    /// <summary>
    /// One step of stopping a task, called until every container has exited. ECS reverses the start dependencies on
    /// shutdown: a container gets SIGTERM only once every container that depends on it (dependsOn, any condition) has
    /// exited, so a proxy in front of its app stops before the app does; SIGKILL follows each SIGTERM after that
    /// container's stopTimeout (<paramref name="stopTimeout"/>, given its definition, null when it has none).
    /// </summary>
    public void StopInReverseOrder(TaskRecord task, TaskDefinition? definition, DateTimeOffset now, Func<ContainerDefinition?, TimeSpan> stopTimeout)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(stopTimeout);
        if (!_running.TryGetValue(task.Id, out var running))
        {
            return;
        }

        var definitions = definition?.ContainerDefinitions ?? [];
        foreach (var container in task.Containers)
        {
            if (!running.Containers.TryGetValue(container.Name, out var state) || state.HasExited)
            {
                continue;
            }

            if (container.KillAt is { } killAt)
            {
                if (now >= killAt && !state.Killed)
                {
                    state.Process?.Signal(Posix.SigKill);
                    state.Killed = true;
                }

                continue;
            }

            var dependentsRunning = definitions.Any(other =>
                other.DependsOn?.Any(dependency => dependency.ContainerName == container.Name) == true
                && running.Containers.TryGetValue(other.Name!, out var dependent)
                && !dependent.HasExited);
            if (dependentsRunning)
            {
                continue;
            }

            state.Process?.Signal(Posix.SigTerm);
            container.TerminatedAt = now;
            container.KillAt = now + stopTimeout(definitions.FirstOrDefault(d => d.Name == container.Name));
        }
    }

    /// <summary>
    /// Copies what the processes did into the task record: containers that exited (with exit codes) and
    /// health check verdicts. Returns the containers that exited since the last call.
    /// </summary>
    public IReadOnlyList<ContainerRecord> Observe(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var exited = new List<ContainerRecord>();
        if (!_running.TryGetValue(task.Id, out var running))
        {
            return exited;
        }

        foreach (var container in task.Containers)
        {
            if (!running.Containers.TryGetValue(container.Name, out var state))
            {
                continue;
            }

            if (!container.Exited && !state.HasExited && state.Process is { } process && state.MemoryLimitBytes is { } limit
                && _memory.ResidentBytes(process.ProcessId) > limit)
            {
                // ECS's cgroup kills at the limit; here the group goes as soon as a reading finds it over.
                state.OutOfMemory = true;
                process.Signal(Posix.SigKill);
                LogOutOfMemory(_logger, task.Id, container.Name, limit / MiB);
            }

            if (!container.Exited && state.HasExited)
            {
                container.Exited = true;
                container.ExitCode = state.OutOfMemory ? OutOfMemoryExitCode : state.ExitCode;
                container.Reason = state.OutOfMemory ? OutOfMemoryReason : container.Reason;
                container.LastStatus = TaskStatuses.Stopped;
                container.ProcessId = null;
                state.Health?.Dispose();
                exited.Add(container);
            }

            if (!container.Exited && state.Health is { } health)
            {
                container.HealthStatus = health.Status;
            }
        }

        return exited;
    }

    /// <summary>True when no process of the task is running any more.</summary>
    public bool AllExited(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return !_running.TryGetValue(task.Id, out var running) || running.Containers.Values.All(c => c.HasExited);
    }

    /// <summary>The task is STOPPED: reads the last of its output, frees its ports and removes its files.</summary>
    public void Release(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (_running.TryRemove(task.Id, out var running))
        {
            running.DisposeMonitors();
            foreach (var container in running.Containers.Values)
            {
                PollQuietly(container.Capture, final: true);
            }
        }

        ReleasePorts(task);
        var directory = TaskDirectory(task.Id);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        // Only once the output files are gone: a capture still polling can then find nothing to read again.
        foreach (var container in task.Containers)
        {
            _logs.ForgetCaptureSource(CaptureSource(task, container));
        }
    }

    /// <summary>Moves captured output into CloudWatch Logs until the engine stops.</summary>
    public async Task CaptureLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var task in _running.Values)
                {
                    foreach (var container in task.Containers.Values)
                    {
                        PollQuietly(container.Capture, final: container.HasExited);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Engine shutting down.
        }
    }

    /// <summary>
    /// Finds processes that carry this engine's marker but belong to no task it knows as running (the
    /// engine died between starting a process and recording it), and kills their process groups.
    /// </summary>
    public int StopStrayProcesses(IReadOnlySet<int> knownProcessIds)
    {
        ArgumentNullException.ThrowIfNull(knownProcessIds);
        var stopped = 0;
        foreach (var pid in Posix.AllProcessIds())
        {
            if (pid == Environment.ProcessId || knownProcessIds.Contains(pid))
            {
                continue;
            }

            var environment = Posix.ProcessEnvironment(pid);
            if (environment is null
                || !environment.TryGetValue(HomeMarker, out var home) || home != _home.Root
                || !environment.ContainsKey(TaskMarker))
            {
                continue;
            }

            // Only group leaders (the wrappers) are signalled; their groups take the children along.
            if (Posix.ProcessStartTicks(pid) is not null && IsGroupLeader(pid))
            {
                Posix.SignalGroup(pid, Posix.SigKill);
                stopped++;
            }
        }

        return stopped;
    }

    public string TaskDirectory(string taskId) => Path.Combine(_home.TasksDirectory, taskId);

    // ---- helpers ----

    private RunningContainer Track(
        TaskRecord task,
        ContainerRecord record,
        ContainerDefinition definition,
        ContainerLaunch launch,
        LogDestination? destination,
        ContainerProcess process)
    {
        var capture = new OutputCapture(_logs, _time, CaptureSource(task, record), launch.OutputFile, destination);
        HealthMonitor? health = null;
        if (definition.HealthCheck is { } check && HealthProbe.ToArgv(check.Command) is not null)
        {
            var ports = TaskAddresses.Of(task, _privateDns);
            health = new HealthMonitor(check with { Command = [.. check.Command.Select(ports.Rewrite)] }, launch.WorkingDirectory, launch.Environment, _options,
                task.StartedAt ?? _time.GetUtcNow(), _time, record.HealthStatus);
        }

        return new RunningContainer(process, capture, health, null) { MemoryLimitBytes = HardMemoryLimit(task, definition) * MiB };
    }

    /// <summary>
    /// The container's hard limit in MiB: its own memory, else the task's (on Fargate a container without a limit
    /// may use all of the task's memory, and no more).
    /// </summary>
    private static long? HardMemoryLimit(TaskRecord task, ContainerDefinition definition) =>
        definition.Memory is { } own ? own
        : long.TryParse(task.Memory, NumberStyles.Integer, CultureInfo.InvariantCulture, out var taskMemory) ? taskMemory
        : null;

    private void AllocateBindings(ContainerRecord container, ContainerDefinition definition)
    {
        container.NetworkBindings = [];
        foreach (var mapping in definition.PortMappings ?? [])
        {
            if (mapping.ContainerPort is not { } containerPort)
            {
                continue;
            }

            container.NetworkBindings.Add(new NetworkBinding
            {
                BindIP = "127.0.0.1",
                ContainerPort = containerPort,
                HostPort = _ports.Allocate(),
                Protocol = mapping.Protocol ?? TransportProtocol.Tcp,
            });
        }
    }

    private string? Prepare(
        TaskRecord task,
        ContainerRecord container,
        ContainerDefinition definition,
        TaskAddresses ports,
        string? taskRoleArn,
        string? executionRoleArn,
        out ContainerLaunch? launch,
        out LogDestination? destination)
    {
        launch = null;
        destination = LogDestinationOf(task, container, definition);
        if (destination is not null && !_logs.LogGroupExists(destination.Group))
        {
            var create = definition.LogConfiguration?.Options?.GetValueOrDefault("awslogs-create-group");
            if (!string.Equals(create, "true", StringComparison.OrdinalIgnoreCase))
            {
                return "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1";
            }

            try
            {
                _logs.CreateLogGroup(destination.Group);
            }
            catch (Api.LocalServiceException e) when (e.Code == "ResourceAlreadyExistsException")
            {
                // Created meanwhile by someone else: what we wanted.
            }
        }

        var environment = BuildEnvironment(task, container, definition, ports, taskRoleArn, executionRoleArn);
        launch = DescribeLaunch(task, container, definition, environment);
        if (launch.Argv.Count == 0)
        {
            return $"CannotStartContainerError: Error response from daemon: no command specified for container \"{container.Name}\": give the container definition a command or an entryPoint";
        }

        if (!Directory.Exists(launch.WorkingDirectory))
        {
            return $"CannotStartContainerError: Error response from daemon: working directory {definition.WorkingDirectory} does not exist in the image";
        }

        return null;
    }

    private ContainerLaunch DescribeLaunch(TaskRecord task, ContainerRecord container, ContainerDefinition definition, Dictionary<string, string>? environment)
    {
        var command = task.Overrides?.ContainerOverrides?.FirstOrDefault(o => o.Name == container.Name)?.Command ?? definition.Command;
        var argv = (definition.EntryPoint ?? []).Concat(command ?? []).ToList();
        var root = container.ImageDigest is { } digest ? _registry.Artifacts.TryGetRoot(digest) : null;
        root ??= TaskDirectory(task.Id);
        var workingDirectory = string.IsNullOrEmpty(definition.WorkingDirectory)
            ? root
            : Path.GetFullPath(Path.Combine(root, definition.WorkingDirectory.TrimStart('/')));
        var directory = TaskDirectory(task.Id);
        return new ContainerLaunch(
            task.Id,
            container.Name,
            argv,
            workingDirectory,
            environment ?? [],
            Path.Combine(directory, container.Name + ".out"),
            Path.Combine(directory, container.Name + ".exit"));
    }

    private Dictionary<string, string> BuildEnvironment(TaskRecord task, ContainerRecord container, ContainerDefinition definition, TaskAddresses ports, string? taskRoleArn, string? executionRoleArn)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var variable in definition.Environment ?? [])
        {
            if (variable.Name is { Length: > 0 } name)
            {
                environment[name] = ports.Rewrite(variable.Value ?? "");
            }
        }

        var containerOverride = task.Overrides?.ContainerOverrides?.FirstOrDefault(o => o.Name == container.Name);
        foreach (var variable in containerOverride?.Environment ?? [])
        {
            if (variable.Name is { Length: > 0 } name)
            {
                environment[name] = ports.Rewrite(variable.Value ?? "");
            }
        }

        var missing = new List<string>();
        foreach (var secret in definition.Secrets ?? [])
        {
            if (SecretsManagerReference.TryParse(secret.ValueFrom) is { } reference)
            {
                // ECS reads the secret with the execution role: a role that may not read it stops the task.
                var secretArn = _secrets.Find(reference.SecretArn)?.Arn ?? reference.SecretArn;
                if (ExecutionRoleDenial(executionRoleArn, task.Id, "secretsmanager:GetSecretValue", secretArn) is { } refused)
                {
                    throw new LocalRuntimeException(SecretsManagerReference.AccessDenied(secretArn, refused));
                }

                environment[secret.Name] = reference.Resolve(_secrets);
                continue;
            }

            if (ExecutionRoleDenial(executionRoleArn, task.Id, "ssm:GetParameters", ParameterArn(secret.ValueFrom)) is { } denied)
            {
                throw new LocalRuntimeException(SsmSecretsFailure + "AccessDeniedException: " + denied);
            }

            var value = ResolveSecret(secret.ValueFrom);
            if (value is null)
            {
                missing.Add(secret.ValueFrom);
            }
            else
            {
                environment[secret.Name] = value;
            }
        }

        if (missing.Count > 0)
        {
            throw new LocalRuntimeException(
                SsmSecretsFailure + "InvalidParameters: invalid parameters: " + string.Join(", ", missing));
        }

        // ECS's own variables, and the local region's port: the app listens where the engine says.
        environment["AWS_REGION"] = LocalRegionConstants.Region;
        environment["AWS_DEFAULT_REGION"] = LocalRegionConstants.Region;
        environment["AWS_EXECUTION_ENV"] = "AWS_ECS_FARGATE";
        if (container.NetworkBindings.FirstOrDefault()?.HostPort is { } port)
        {
            var text = port.ToString(CultureInfo.InvariantCulture);
            environment["PORT"] = text;
            environment["ASPNETCORE_URLS"] = "http://127.0.0.1:" + text;
        }

        AddRegionAccess(environment, task.Arn, taskRoleArn);
        environment[HomeMarker] = _home.Root;
        environment[TaskMarker] = task.Id;
        return environment;
    }

    /// <summary>The private DNS (Cloud Map) whose names a task's environment may hold; <see cref="IPrivateDns"/> says why.</summary>
    public void UsePrivateDns(IPrivateDns privateDns) => _privateDns = privateDns;

    /// <summary>
    /// Where the app's AWS SDK finds the local region once the engine listens: AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL,
    /// the variables every current SDK reads, so the app's code is the same as on AWS. The endpoint is an IP address,
    /// for which the SDKs address buckets path-style by themselves.
    /// </summary>
    public void UseRegion(Uri endpoint, LocalCredentials credentials)
    {
        _regionEndpoint = endpoint;
        _regionCredentials = credentials;
    }

    /// <summary>
    /// A task with a task role gets its role's credentials as on AWS, from the container credentials endpoint the
    /// SDKs' default chain reads (<see cref="TaskRoleCredentials"/>). A task without one gets none, as on AWS. A
    /// variable the task definition sets itself wins.
    /// </summary>
    private void AddRegionAccess(Dictionary<string, string> environment, string taskArn, string? taskRoleArn)
    {
        if (_regionEndpoint is not { } endpoint)
        {
            return;
        }

        var url = endpoint.ToString().TrimEnd('/');
        environment.TryAdd("AWS_ENDPOINT_URL", url);
        environment.TryAdd("AWS_ENDPOINT_URL_S3", url);
        if (taskRoleArn is { Length: > 0 } && _regionCredentials is { } credentials)
        {
            foreach (var (name, value) in TaskRoleCredentials.Variables(endpoint, credentials, taskArn, taskRoleArn))
            {
                environment.TryAdd(name, value);
            }
        }
    }

    private string? ExecutionRoleDenial(string? executionRoleArn, string taskId, string action, string resource) =>
        executionRoleArn is { Length: > 0 } && _executionRoles is { } roles ? roles.Denial(executionRoleArn, taskId, action, resource) : null;

    /// <summary>The ARN of an SSM parameter a secret names by name or ARN.</summary>
    private static string ParameterArn(string valueFrom) =>
        valueFrom.StartsWith("arn:", StringComparison.Ordinal)
            ? valueFrom
            : $"arn:{LocalRegionConstants.Partition}:ssm:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:parameter/{valueFrom.TrimStart('/')}";

    /// <summary>A secret's value from the local SSM, by parameter name or ARN; null when it isn't there.</summary>
    private string? ResolveSecret(string valueFrom)
    {
        if (valueFrom.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = valueFrom.Split(':', 6);
            if (parts.Length < 6 || parts[2] != "ssm" || parts[3] != LocalRegionConstants.Region || parts[4] != LocalRegionConstants.Account)
            {
                return null;
            }
        }

        return _parameters.ResolveSecret(valueFrom);
    }

    private static LogDestination? LogDestinationOf(TaskRecord task, ContainerRecord container, ContainerDefinition definition)
    {
        if (definition.LogConfiguration is not { } configuration || configuration.LogDriver != LogDriver.Awslogs)
        {
            return null;
        }

        var options = configuration.Options ?? new Dictionary<string, string>();
        if (!options.TryGetValue("awslogs-group", out var group) || string.IsNullOrEmpty(group))
        {
            return null;
        }

        var stream = options.TryGetValue("awslogs-stream-prefix", out var prefix) && !string.IsNullOrEmpty(prefix)
            ? $"{prefix}/{container.Name}/{task.Id}"
            : task.Id;
        return new LogDestination(group, stream);
    }

    private static string CaptureSource(TaskRecord task, ContainerRecord container) => task.Id + "/" + container.Name;

    private void ReleasePorts(TaskRecord task)
    {
        foreach (var container in task.Containers)
        {
            foreach (var binding in container.NetworkBindings)
            {
                if (binding.HostPort is { } port)
                {
                    _ports.Release(port);
                }
            }
        }
    }

    private static void Kill(RunningTask running)
    {
        foreach (var container in running.Containers.Values)
        {
            container.Process?.Signal(Posix.SigKill);
        }

        running.DisposeMonitors();
    }

    private void PollQuietly(OutputCapture capture, bool final)
    {
        try
        {
            capture.Poll(final);
        }
        catch (Exception e) when (e is IOException or Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException)
        {
            LogCaptureFailed(_logger, capture.Source, e);
        }
    }

    private static int? ReadExitCode(string file)
    {
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    private static bool IsGroupLeader(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[2] is field 5, the process group id.
            return fields.Length > 2 && fields[2] == pid.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: container {Container} went over its hard memory limit of {LimitMiB} MiB and was killed")]
    private static partial void LogOutOfMemory(ILogger logger, string taskId, string container, long limitMiB);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capturing output of {Source} failed")]
    private static partial void LogCaptureFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} was adopted, but its environment can't be rebuilt for health checks: {Reason}")]
    private static partial void LogCannotRebuildEnvironment(ILogger logger, string taskId, string reason);

    private sealed class RunningTask(string taskId)
    {
        public string TaskId { get; } = taskId;

        public Dictionary<string, RunningContainer> Containers { get; } = new(StringComparer.Ordinal);

        /// <summary>Containers prepared but not started: they wait for their dependencies.</summary>
        public List<PendingContainer> Pending { get; } = [];

        public void DisposeMonitors()
        {
            foreach (var container in Containers.Values)
            {
                container.Health?.Dispose();
            }
        }
    }

    /// <summary>A container ready to start once its dependencies are met.</summary>
    private sealed record PendingContainer(ContainerRecord Record, ContainerDefinition Definition, ContainerLaunch Launch, LogDestination? Destination);

    /// <summary>A container's process (null when it was already gone at adoption), capture and health check.</summary>
    private sealed class RunningContainer(ContainerProcess? process, OutputCapture capture, HealthMonitor? health, int? exitCodeIfGone)
    {
        public ContainerProcess? Process { get; } = process;

        public OutputCapture Capture { get; } = capture;

        public HealthMonitor? Health { get; } = health;

        public bool HasExited => Process is null || Process.HasExited;

        /// <summary>Above this many resident bytes the container is killed as out of memory; null = no limit.</summary>
        public long? MemoryLimitBytes { get; init; }

        /// <summary>The container was killed for going over <see cref="MemoryLimitBytes"/>.</summary>
        public bool OutOfMemory { get; set; }

        /// <summary>The task's stop sent SIGKILL: its stopTimeout ran out after SIGTERM.</summary>
        public bool Killed { get; set; }

        public int? ExitCode => Process is null ? exitCodeIfGone : Process.Exited.IsCompletedSuccessfully ? Process.Exited.Result : null;
    }
}

/// <summary>A task that can't start for a reason the task's stoppedReason should carry.</summary>
internal sealed class LocalRuntimeException : Exception
{
    public LocalRuntimeException(string message)
        : base(message)
    {
    }

    public LocalRuntimeException()
    {
    }

    public LocalRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
