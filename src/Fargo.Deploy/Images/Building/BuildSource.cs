using Fargo.Config.Model;

namespace Fargo.Deploy.Images.Building;

/// <summary>What the image is built from.</summary>
public abstract record BuildSource;

/// <summary>A Dockerfile (absolute path) and its build context folder: built by docker or podman.</summary>
public sealed record DockerfileSource(string Dockerfile, string Context) : BuildSource
{
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = ImageSettings.NoBuildArgs;

    /// <summary>The stage to build; null builds the last one.</summary>
    public string? Target { get; init; }
}

/// <summary>
/// A .NET web project (absolute path to its .csproj) without a Dockerfile: the .NET SDK's container publishing builds
/// the image, into the engine's image store when one answers, else without any daemon.
/// </summary>
public sealed record DotnetProjectSource(string Project) : BuildSource;
