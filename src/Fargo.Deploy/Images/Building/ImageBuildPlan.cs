namespace Fargo.Deploy.Images.Building;

/// <summary>
/// The commands of one build, in order: <see cref="Build"/> makes the image <see cref="Image"/> (in the engine's image
/// store, or as an archive when no engine answers), then <see cref="Tests"/> run each --test inside it, in order.
/// </summary>
public sealed record ImageBuildPlan(
    string Image,
    string Platform,
    BuildSource Source,
    ContainerEngine? Engine,
    string WorkingDirectory,
    IReadOnlyList<ProcessCommand> Build,
    IReadOnlyList<ProcessCommand> Tests)
{
    /// <summary>Every command, in the order they run.</summary>
    public IReadOnlyList<ProcessCommand> Commands => [.. Build, .. Tests];
}
