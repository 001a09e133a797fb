namespace Fargo.Deploy.Pipeline;

/// <summary>
/// How the stages of [pipeline] map to GitHub environments, which the deploy roles' OIDC trust names
/// (subject repo:OWNER/NAME:environment:GITHUB-ENVIRONMENT). The workflow and the OIDC stack must agree on it.
/// </summary>
public static class PipelineStages
{
    /// <summary>The GitHub environment of the last stage: protected, a person approves each deploy.</summary>
    public const string ProtectedEnvironment = "production";

    /// <summary>
    /// A stage's GitHub environment: the Fargo environment's own name, except the last of several stages', which is
    /// <see cref="ProtectedEnvironment"/>. A single stage is the first stage and keeps its own name (as the OIDC stack's
    /// trust does: Fargo.Infrastructure's DeliveryPipeline applies the same rule).
    /// </summary>
    public static string GitHubEnvironment(IReadOnlyList<string> stages, int index)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, stages.Count);
        return index > 0 && index == stages.Count - 1 ? ProtectedEnvironment : stages[index];
    }

    /// <summary>The OIDC subject a stage's deploy role trusts.</summary>
    public static string OidcSubject(string repository, IReadOnlyList<string> stages, int index) =>
        $"repo:{repository}:environment:{GitHubEnvironment(stages, index)}";
}
