namespace Fargo.Local.Runtime;

/// <summary>
/// Everything needed to start one container of a task as a local process.
/// <paramref name="Argv"/> is the Docker-style entryPoint followed by command; it is executed as is,
/// without a shell, exactly as Docker's exec form does.
/// </summary>
internal sealed record ContainerLaunch(
    string TaskId,
    string ContainerName,
    IReadOnlyList<string> Argv,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string OutputFile,
    string ExitCodeFile);
