using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Images.Building;

/// <summary>
/// The command lines of `fargo build` and `fargo push`, as pure functions of an <see cref="ImageBuildRequest"/> and the
/// engine that answered:
/// <list type="bullet">
/// <item>A Dockerfile: `docker build --platform P` when the engine runs P natively, else `docker buildx build --platform P
/// --load` (buildx cross-builds, --load puts the result in the engine's image store for --test and push); Podman takes
/// --platform natively: `podman build --platform P`. Tag REGISTRY/REPOSITORY:VERSION, the OCI labels.</item>
/// <item>A .NET project without a Dockerfile: `dotnet publish PROJECT -c Release -t:PublishContainer` with the SDK's
/// container properties; into the engine's image store (LocalRegistry) then tagged with the registry's name, or, with no
/// engine, into an archive; `fargo push` then publishes straight to the registry from the SDK (no daemon at all).</item>
/// <item>--test CMD: `ENGINE run --rm --platform P --entrypoint WORD IMAGE ARGS…`, CMD split into words as a shell
/// would split them but without a shell (no pipes, variables or globs; images often have no shell at all). For a
/// shell, say so: --test "sh -c 'curl -f localhost:8080/_health || exit 1'".</item>
/// </list>
/// </summary>
public static class ImageBuildCommands
{
    public static ImageBuildPlan Plan(ImageBuildRequest request, ContainerEngine? engine)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (build, workingDirectory) = request.Source switch
        {
            DockerfileSource dockerfile => ([EngineBuild(request, dockerfile, engine ?? throw NoEngine(request))], dockerfile.Context),
            DotnetProjectSource project => (DotnetBuild(request, project, engine), Path.GetDirectoryName(project.Project)!),
            _ => throw new InvalidOperationException($"Unknown build source {request.Source.GetType().Name}."),
        };
        return new ImageBuildPlan(request.Image, request.Platform, request.Source, engine, workingDirectory, build, [.. request.TestCommands.Select(test => TestRun(request, test, engine))]);
    }

    /// <summary>
    /// The push: `docker --config DIR push IMAGE`, `podman push --authfile DIR/config.json IMAGE`, or with no engine the
    /// .NET SDK publishing to the registry with DOCKER_CONFIG=DIR. DIR holds the registry login (never a command argument).
    /// </summary>
    public static IReadOnlyList<ProcessCommand> Push(ImageBuildRequest request, ContainerEngine? engine, string configDirectory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configDirectory);
        if (engine is not null)
        {
            return engine.Kind == ContainerEngineKind.Docker
                ? [engine.Command(["--config", configDirectory, "push", request.Image])]
                : [engine.Command(["push", "--authfile", Path.Combine(configDirectory, "config.json"), request.Image])];
        }

        if (request.Source is DotnetProjectSource project)
        {
            return
            [
                new ProcessCommand("dotnet", [.. DotnetPublish(request, project), Property("ContainerRegistry", request.RegistryHost)])
                {
                    Environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = configDirectory },
                },
            ];
        }

        throw NoEngine(request);
    }

    /// <summary>The .NET runtime identifier of a container platform.</summary>
    public static string RuntimeIdentifier(string platform) => platform switch
    {
        "linux/amd64" => "linux-x64",
        "linux/arm64" => "linux-arm64",
        _ => throw new DeployUsageException($"Fargo builds for linux/amd64 or linux/arm64, not {platform}."),
    };

    private static ProcessCommand EngineBuild(ImageBuildRequest request, DockerfileSource source, ContainerEngine engine)
    {
        List<string> arguments = engine.Kind == ContainerEngineKind.Docker && engine.Platform != request.Platform
            ? ["buildx", "build", "--platform", request.Platform, "--load"]
            : ["build", "--platform", request.Platform];
        arguments.AddRange(["--file", source.Dockerfile, "--tag", request.Image]);
        foreach (var (name, value) in request.Labels)
        {
            arguments.AddRange(["--label", $"{name}={value}"]);
        }

        foreach (var (name, value) in source.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            arguments.AddRange(["--build-arg", $"{name}={value}"]);
        }

        if (source.Target is { } target)
        {
            arguments.AddRange(["--target", target]);
        }

        arguments.Add(source.Context);
        return engine.Command(arguments);
    }

    private static List<ProcessCommand> DotnetBuild(ImageBuildRequest request, DotnetProjectSource project, ContainerEngine? engine)
    {
        if (engine is null)
        {
            return [new ProcessCommand("dotnet", [.. DotnetPublish(request, project), Property("ContainerArchiveOutputPath", request.ArchivePath)])];
        }

        // The SDK names the image in the engine REPOSITORY:VERSION; the registry's name is added as a second tag so
        // that --test and push use the same name as a Dockerfile build.
        var local = $"{request.Repository}:{request.Version}";
        return
        [
            new ProcessCommand("dotnet", [.. DotnetPublish(request, project), Property("LocalRegistry", engine.Kind == ContainerEngineKind.Docker ? "Docker" : "Podman")]),
            engine.Command(["tag", local, request.Image]),
        ];
    }

    // The SDK writes org.opencontainers.image.created itself; version comes from ContainerVersion, source and revision
    // from the source-control properties it reads when PublishRepositoryUrl is true.
    private static List<string> DotnetPublish(ImageBuildRequest request, DotnetProjectSource project)
    {
        List<string> arguments =
        [
            "publish", project.Project,
            "-c", "Release",
            "-t:PublishContainer",
            Property("ContainerRepository", request.Repository),
            Property("ContainerImageTag", request.Version),
            Property("ContainerRuntimeIdentifier", RuntimeIdentifier(request.Platform)),
            Property("ContainerVersion", request.Version),
        ];
        if (request.Revision.Repository is { } source)
        {
            arguments.AddRange([Property("PublishRepositoryUrl", "true"), Property("PrivateRepositoryUrl", source)]);
        }

        if (request.Revision.Revision is { } revision)
        {
            arguments.Add(Property("SourceRevisionId", revision));
        }

        return arguments;
    }

    private static ProcessCommand TestRun(ImageBuildRequest request, string test, ContainerEngine? engine)
    {
        if (engine is null)
        {
            throw new DeployUsageException(
                $"--test runs `{test}` inside the image, which needs docker or podman; neither answers here.",
                "Install and start Docker or Podman, or build without --test.");
        }

        var words = CommandLine.Split(test);
        if (words.Count == 0)
        {
            throw new DeployUsageException("--test needs a command to run inside the image.");
        }

        return engine.Command(["run", "--rm", "--platform", request.Platform, "--entrypoint", words[0], request.Image, .. words.Skip(1)]);
    }

    // MSBuild reads ; and , in a -p value as separators and %XX as escapes: those characters are escaped.
    private static string Property(string name, string value) =>
        $"-p:{name}={value.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal)}";

    private static DeployUsageException NoEngine(ImageBuildRequest request) => new(
        $"Building {request.Image} from a Dockerfile needs docker or podman, and neither answers here (`docker version` reaches no Docker engine, and `podman version` does not run).",
        $"Start the Docker daemon (or Docker Desktop), install Podman, or set {ContainerEngineDetector.OverrideVariable} to the one to use.");
}
