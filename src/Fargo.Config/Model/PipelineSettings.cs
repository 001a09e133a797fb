namespace Fargo.Config.Model;

/// <summary>
/// The `[pipeline]` table: how CI/CD carries one image from the first environment to the last.
/// The first stage builds the image once, tests it inside itself, pushes and deploys it; every later stage
/// waits for a person's approval, promotes the very same digest and deploys it.
/// </summary>
/// <param name="Repository">The GitHub repository, "owner/name"; null = read from `git remote get-url origin` when needed.</param>
/// <param name="Branch">The branch whose pushes run the pipeline.</param>
/// <param name="Stages">Environment names in order (never "local"); default: every non-local environment in the order written.</param>
/// <param name="Test">A command run inside the built image (as its entry point) before anything is pushed; null = none.</param>
/// <param name="Approvers">E-mail addresses subscribed to the approval topic (CodePipeline).</param>
/// <param name="Connection">A CodeStar connection ARN for the CodePipeline source; null = a GitHub webhook authenticated with GITHUB_HMAC.</param>
public sealed record PipelineSettings(
    string? Repository,
    string Branch,
    IReadOnlyList<string> Stages,
    string? Test,
    IReadOnlyList<string> Approvers,
    string? Connection);
