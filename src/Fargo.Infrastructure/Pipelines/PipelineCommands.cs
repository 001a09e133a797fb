namespace Fargo.Infrastructure.Pipelines;

/// <summary>
/// The shell commands the CodePipeline's CodeBuild projects run (the workflow commands of s2-contracts.md), as pure
/// functions of the pipeline: the stack writes them into the buildspecs and `fargo pipeline codepipeline` prints the
/// very same lines.
/// </summary>
/// <remarks>
/// Each stage's commands run with the credentials of that stage's deploy role: a profile with <c>role_arn</c> and
/// <c>credential_source = EcsContainer</c> (the CodeBuild role's credentials) that Fargo's credential chain resolves.
/// A later stage's promote reads the previous stage with that stage's read role, through a second such profile
/// (<see cref="ReadProfile"/>, `fargo promote --from-profile`).
/// The version is the commit's short SHA, handed over from the source action as <see cref="CommitVariable"/>.
/// </remarks>
public static class PipelineCommands
{
    /// <summary>The environment variable that carries the source action's commit id into every build.</summary>
    public const string CommitVariable = "FARGO_COMMIT";

    /// <summary>The AWS profile each build assumes the stage's deploy role with.</summary>
    public const string Profile = "fargo-deploy";

    /// <summary>The AWS profile a later stage's build assumes the previous stage's read role with, for promote's source.</summary>
    public const string ReadProfile = "fargo-read";

    /// <summary>Installs the pinned Fargo (and the .NET it runs on, which the CodeBuild image lacks).</summary>
    public static IReadOnlyList<string> Install(DeliveryPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return
        [
            "curl -sSfL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh",
            "bash /tmp/dotnet-install.sh --channel 10.0 --install-dir \"$HOME/.dotnet\"",
            "export DOTNET_ROOT=\"$HOME/.dotnet\" PATH=\"$HOME/.dotnet:$HOME/.dotnet/tools:$PATH\"",
            $"dotnet tool install --global Fargo.Cli --version {pipeline.FargoVersion}",
        ];
    }

    /// <summary>
    /// The first stage: build once, run each test inside the image (their variables: <see cref="PipelineSettings.TestVariables"/>),
    /// push, apply the infrastructure when [pipeline] infra says so, deploy.
    /// </summary>
    public static IReadOnlyList<string> FirstStage(DeliveryPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var stage = pipeline.First;
        return
        [
            .. Prologue(pipeline, stage),
            $"fargo build --env {stage.Name} --version \"$V\"{pipeline.Settings.TestArguments()}",
            $"fargo push --env {stage.Name} --version \"$V\"",
            .. Infrastructure(pipeline, stage),
            $"fargo deploy --env {stage.Name} --version \"$V\" --yes",
        ];
    }

    /// <summary>A later stage (after its approval): promote the previous stage's digest, no rebuild, and deploy it.</summary>
    public static IReadOnlyList<string> LaterStage(DeliveryPipeline pipeline, int index)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        var stage = pipeline.Stages[index];
        var previous = pipeline.PreviousOf(index);
        return
        [
            .. Prologue(pipeline, stage),
            .. AssumeRole(ReadProfile, previous.ReadRoleArn, previous.Region),
            $"fargo promote --from {previous.Name} --to {stage.Name} --version \"$V\" --from-profile {ReadProfile}",
            .. Infrastructure(pipeline, stage),
            $"fargo deploy --env {stage.Name} --version \"$V\" --yes",
        ];
    }

    /// <summary>[pipeline] infra: the changes, printed for the build's log, then applied (the running image is kept).</summary>
    private static IEnumerable<string> Infrastructure(DeliveryPipeline pipeline, DeliveryStage stage) =>
        pipeline.Settings.Infra ? [$"fargo infra diff --env {stage.Name}", $"fargo infra up --env {stage.Name} --yes"] : [];

    private static IEnumerable<string> Prologue(DeliveryPipeline pipeline, DeliveryStage stage)
    {
        yield return $"V=\"${{{CommitVariable}:0:7}}\"";
        if (pipeline.ConfigDirectory != ".")
        {
            yield return $"cd \"{pipeline.ConfigDirectory}\"";
        }

        foreach (var line in AssumeRole(Profile, stage.DeployRoleArn, stage.Region))
        {
            yield return line;
        }

        yield return $"export AWS_PROFILE={Profile}";
    }

    /// <summary>A profile that assumes <paramref name="roleArn"/> with the CodeBuild role's credentials.</summary>
    private static IEnumerable<string> AssumeRole(string profile, string roleArn, string region)
    {
        yield return $"aws configure set profile.{profile}.role_arn {roleArn}";
        yield return $"aws configure set profile.{profile}.credential_source EcsContainer";
        yield return $"aws configure set profile.{profile}.region {region}";
    }
}
