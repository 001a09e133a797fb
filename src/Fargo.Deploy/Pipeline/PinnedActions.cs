namespace Fargo.Deploy.Pipeline;

/// <summary>A third-party GitHub action pinned by commit: a tag can be moved to other code, a commit cannot.</summary>
public sealed record PinnedAction(string Repository, string Commit, string Version)
{
    /// <summary>The value of `uses:`.</summary>
    public string Uses => $"{Repository}@{Commit}";
}

/// <summary>
/// The actions the generated workflow uses. Each commit is the one its release tag names (checked against
/// workflows and Actions run logs that download it by that SHA); update commit and version together.
/// </summary>
public static class PinnedActions
{
    public static PinnedAction Checkout { get; } = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");

    public static PinnedAction SetupDotnet { get; } = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");

    public static PinnedAction ConfigureAwsCredentials { get; } = new("aws-actions/configure-aws-credentials", "e3dd6a429d7300a6a4c196c26e071d42e0343502", "v4.0.2");

    /// <summary>Registers QEMU so that an x86-64 runner can build an arm64 image.</summary>
    public static PinnedAction SetupQemu { get; } = new("docker/setup-qemu-action", "29109295f81e9208d7d86ff1c6c12d2833863392", "v3.6.0");

    public static IReadOnlyList<PinnedAction> All { get; } = [Checkout, SetupDotnet, ConfigureAwsCredentials, SetupQemu];
}
