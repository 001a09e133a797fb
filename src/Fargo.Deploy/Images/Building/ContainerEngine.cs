namespace Fargo.Deploy.Images.Building;

public enum ContainerEngineKind
{
    Docker,
    Podman,
}

/// <summary>
/// The container engine that answered: which one, the program to run (a full path when it was found on PATH), and the
/// platform it runs images for natively ("linux/amd64"), which decides whether Docker needs buildx to cross-build.
/// </summary>
public sealed record ContainerEngine(ContainerEngineKind Kind, string Executable, string Platform)
{
    /// <summary>"docker" or "podman": the name FARGO_CONTAINER_ENGINE takes and messages use.</summary>
    public string Name => Kind == ContainerEngineKind.Docker ? "docker" : "podman";

    /// <summary>A command of this engine: shown as `docker …`, started from <see cref="Executable"/>.</summary>
    public ProcessCommand Command(IReadOnlyList<string> arguments) => new(Name, arguments) { Executable = Executable };
}
