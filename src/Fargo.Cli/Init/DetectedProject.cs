namespace Fargo.Cli.Init;

/// <summary>What `fargo init` found in a folder. Paths are relative to that folder, with forward slashes.</summary>
/// <param name="Name">The service name: the project's assembly name (or the folder's name) in kebab-case.</param>
/// <param name="WebProject">The ASP.NET Core project, or null when the folder has none.</param>
/// <param name="OtherWebProjects">Further web projects, not chosen (the one nearest the top, then by path, wins).</param>
/// <param name="Port">The port the container listens on.</param>
/// <param name="PortSource">Where the port came from, said in the written file.</param>
/// <param name="PortNeedsSetting">The app will not listen on <paramref name="Port"/> by itself (the port is the
/// launch profile's), so the file sets ASPNETCORE_HTTP_PORTS.</param>
/// <param name="Dockerfile">The Dockerfile, or null when there is none.</param>
/// <param name="HealthPath">A health endpoint found in the code, or null.</param>
internal sealed record DetectedProject(
    string Name,
    WebProject? WebProject,
    IReadOnlyList<string> OtherWebProjects,
    int Port,
    string PortSource,
    bool PortNeedsSetting,
    string? Dockerfile,
    string? HealthPath);

/// <summary>An ASP.NET Core project (Sdk="Microsoft.NET.Sdk.Web").</summary>
/// <param name="ProjectFile">The .csproj, e.g. "src/TodoApi/TodoApi.csproj".</param>
/// <param name="Directory">Its folder, e.g. "src/TodoApi" ("." at the top).</param>
/// <param name="AssemblyName">The name of the built assembly, e.g. "TodoApi" (TodoApi.dll).</param>
internal sealed record WebProject(string ProjectFile, string Directory, string AssemblyName);
