namespace Fargo.Deploy.Images.Building;

/// <summary>
/// The commands of one build, in order: <see cref="Build"/> makes the image <see cref="Image"/> (in the engine's image
/// store, or as an archive when no engine answers), then <see cref="Test"/> runs --test inside it.
/// </summary>
public sealed record ImageBuildPlan(
    string Image,
    string Platform,
    BuildSource Source,
    ContainerEngine? Engine,
    string WorkingDirectory,
    IReadOnlyList<ProcessCommand> Build,
    ProcessCommand? Test)
{
    /// <summary>Every command, in the order they run.</summary>
    public IReadOnlyList<ProcessCommand> Commands => Test is null ? Build : [.. Build, Test];
}
