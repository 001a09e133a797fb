namespace Fargo.Config.Model;

/// <summary>
/// The `[pipeline]` table: how CI/CD carries one image from the first environment to the last.
/// The first stage builds the image once, tests it inside itself, pushes and deploys it; every later stage
/// waits for a person's approval, promotes the very same digest and deploys it.
/// </summary>
/// <param name="Repository">The GitHub repository, "owner/name"; null = read from `git remote get-url origin` when needed.</param>
/// <param name="Branch">The branch whose pushes run the pipeline.</param>
/// <param name="Stages">Environment names in order (never "local"); default: every non-local environment in the order written.</param>
/// <param name="Tests">Commands run inside the built image (each as its entry point), in order, before anything is pushed; the
/// first that fails stops the pipeline. Empty = none.</param>
/// <param name="Approvers">E-mail addresses subscribed to the approval topic (CodePipeline).</param>
/// <param name="Connection">A CodeStar connection ARN for the CodePipeline source; null = a GitHub webhook authenticated with GITHUB_HMAC.</param>
public sealed record PipelineSettings(
    string? Repository,
    string Branch,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Tests,
    IReadOnlyList<string> Approvers,
    string? Connection)
{
    /// <summary>
    /// The pipeline applies the infrastructure: `fargo infra diff` on pull requests, `fargo infra up` before each stage's deploy.
    /// </summary>
    public bool Infra { get; init; }

    /// <summary>
    /// The environment variables that carry <see cref="Tests"/> into a CI job, in order, with their commands: FARGO_TEST for
    /// one, FARGO_TEST_1, FARGO_TEST_2… for several. Plain values (never secrets), read by `fargo build --test "$VAR"`.
    /// </summary>
    public IReadOnlyList<PipelineTest> TestVariables() =>
        Tests.Count == 1
            ? [new PipelineTest(TestVariable, Tests[0])]
            : [.. Tests.Select((command, index) => new PipelineTest($"{TestVariable}_{index + 1}", command))];

    /// <summary>The `fargo build` arguments that run the tests from their variables: --test "$FARGO_TEST"…; "" without tests.</summary>
    public string TestArguments() => string.Concat(TestVariables().Select(t => $" --test \"${t.Variable}\""));

    private const string TestVariable = "FARGO_TEST";
}

/// <summary>One [pipeline] test in a CI job: the environment variable that carries it, and its command.</summary>
public sealed record PipelineTest(string Variable, string Command);
