namespace Fargo.Deploy.Images.Building;

/// <summary>
/// Finds the container engine that answers: FARGO_CONTAINER_ENGINE (docker or podman) when set, else Docker, then
/// Podman. "Answers" means `docker version` reaches an engine (a Docker client without a daemon does not count) and
/// `podman version` runs. The programs are looked up on the PATH given, so the caller's environment decides.
/// </summary>
public sealed class ContainerEngineDetector(Func<string, string?> environment)
{
    public const string OverrideVariable = "FARGO_CONTAINER_ENGINE";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The engine, or null when none answers (the .NET SDK's container publishing needs none).</summary>
    public async Task<ContainerEngine?> DetectAsync(CancellationToken cancellationToken)
    {
        var forced = environment(OverrideVariable)?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(forced))
        {
            var kind = forced switch
            {
                "docker" => ContainerEngineKind.Docker,
                "podman" => ContainerEngineKind.Podman,
                _ => throw new DeployUsageException($"{OverrideVariable}={forced}: Fargo builds with docker or podman.", $"Set {OverrideVariable} to docker or podman, or unset it to use whichever answers."),
            };
            return await ProbeAsync(kind, cancellationToken)
                ?? throw new DeployException(
                    $"{OverrideVariable} asks for {forced}, but `{forced} version` does not answer.",
                    kind == ContainerEngineKind.Docker ? "Start the Docker daemon (or Docker Desktop), or unset the variable." : "Install podman, or unset the variable.");
        }

        return await ProbeAsync(ContainerEngineKind.Docker, cancellationToken)
            ?? await ProbeAsync(ContainerEngineKind.Podman, cancellationToken);
    }

    private async Task<ContainerEngine?> ProbeAsync(ContainerEngineKind kind, CancellationToken cancellationToken)
    {
        var name = kind == ContainerEngineKind.Docker ? "docker" : "podman";
        var executable = ExecutableLookup.Find(name, environment("PATH"));
        if (executable is null)
        {
            return null;
        }

        // Docker's server section is the engine; without a daemon the command fails. Podman runs without one: its own
        // (client) platform is where images run natively.
        var format = kind == ContainerEngineKind.Docker ? "{{.Server.Os}}/{{.Server.Arch}}" : "{{.Client.OsArch}}";
        var outcome = await ProcessRunner.CaptureAsync(new ProcessCommand(name, ["version", "--format", format]) { Executable = executable }, Path.GetTempPath(), ProbeTimeout, cancellationToken);
        if (outcome is not { ExitCode: 0 })
        {
            return null;
        }

        var platform = outcome.Output.Trim();
        return new ContainerEngine(kind, executable, platform.Contains('/', StringComparison.Ordinal) ? platform : HostPlatform);
    }

    /// <summary>This machine's platform in Docker's terms, when the engine does not say.</summary>
    public static string HostPlatform =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux/arm64" : "linux/amd64";
}

/// <summary>Where a program is on a PATH, as a shell would find it: the first folder holding an executable file of that name.</summary>
public static class ExecutableLookup
{
    public static string? Find(string name, string? path)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var folder in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
