using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>
/// The [pipeline] table: its defaults, what it reads, and each mistake reported once with its file, line, column
/// and key path (and, where it helps, what to write instead).
/// </summary>
public sealed class PipelineConfigTests
{
    private const string Qa = "[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n";
    private const string Prod = "[environments.prod]\naccount = \"222222222222\"\nregion = \"us-east-1\"\n";
    private const string Staging = "[environments.staging]\naccount = \"000000000000\"\nregion = \"local\"\n";

    /// <summary>Two AWS environments; [pipeline] starts on line 9, its first key on line 10.</summary>
    private const string TwoStages = Configs.Minimal + Qa + Prod + "[pipeline]\n";

    private static readonly Dictionary<string, Mistake> Cases = new()
    {
        ["repository written as a URL"] = new(TwoStages + "repository = \"https://github.com/acme/todo-api.git\"\n", 10, 14, "pipeline.repository", "is not a GitHub repository written as \"owner/name\"", "did you mean \"acme/todo-api\"?"),
        ["repository without its owner"] = new(TwoStages + "repository = \"todo-api\"\n", 10, 14, "pipeline.repository", "\"todo-api\" is not a GitHub repository written as \"owner/name\""),
        ["empty branch"] = new(TwoStages + "branch = \"\"\n", 10, 10, "pipeline.branch", "cannot be empty"),
        ["branch with a space"] = new(TwoStages + "branch = \"release 1\"\n", 10, 10, "pipeline.branch", "\"release 1\" is not a git branch name"),
        ["branch written as a full ref"] = new(TwoStages + "branch = \"refs/heads/main\"\n", 10, 10, "pipeline.branch", "is a full ref", "did you mean \"main\"?"),
        ["misspelt stage"] = new(TwoStages + "stages = [\"qa\", \"prdo\"]\n", 10, 17, "pipeline.stages", "\"prdo\" is not an environment of this file", "did you mean \"prod\"?"),
        ["stage nothing like an environment"] = new(TwoStages + "stages = [\"qa\", \"integration\"]\n", 10, 17, "pipeline.stages", "\"integration\" is not an environment of this file", "the AWS environments are qa, prod"),
        ["stage listed twice"] = new(TwoStages + "stages = [\"qa\", \"prod\", \"qa\"]\n", 10, 25, "pipeline.stages", "\"qa\" is listed twice"),
        ["local as a stage"] = new(TwoStages + "stages = [\"local\", \"prod\"]\n", 10, 11, "pipeline.stages", "\"local\" is the local region's development environment, which a pipeline does not deploy to", "the AWS environments are qa, prod; to rehearse the pipeline on this machine, add an environment of the local region"),
        ["no stage at all"] = new(TwoStages + "stages = []\n", 10, 10, "pipeline.stages", "a pipeline needs at least one stage", "e.g. stages = [\"qa\", \"prod\"]"),
        ["stages written as a string"] = new(TwoStages + "stages = \"qa\"\n", 10, 10, "pipeline.stages", "expected an array of strings, found a string", "write it as an array: [\"qa\"]"),
        ["stage that is not a string"] = new(TwoStages + "stages = [\"qa\", 2]\n", 10, 17, "pipeline.stages", "expected a string, found an integer", "write it in quotes: \"2\""),
        ["approver that is not an e-mail address"] = new(TwoStages + "approvers = [\"ann\"]\n", 10, 14, "pipeline.approvers", "\"ann\" is not an e-mail address"),
        ["approver written with a display name"] = new(TwoStages + "approvers = [\"ann@example.com\", \"Bob Ray <bob@example.com>\"]\n", 10, 33, "pipeline.approvers", "is not an e-mail address", "did you mean \"bob@example.com\"?"),
        ["connection that is not a connection ARN"] = new(TwoStages + "connection = \"arn:aws:codestar:us-east-1:111111111111:project/x\"\n", 10, 14, "pipeline.connection", "is not a CodeConnections (CodeStar) connection ARN"),
        ["empty test command"] = new(TwoStages + "test = \" \"\n", 10, 8, "pipeline.test", "cannot be empty"),
        ["empty command in a list of tests"] = new(TwoStages + "test = [\"dotnet App.dll\", \" \"]\n", 10, 27, "pipeline.test", "cannot be empty"),
        ["empty list of tests"] = new(TwoStages + "test = []\n", 10, 8, "pipeline.test", "an empty list runs no test", "leave test out"),
        ["test that is a number"] = new(TwoStages + "test = 5\n", 10, 8, "pipeline.test", "expected a command string or an array of command strings, found an integer"),
        ["infra written as a string"] = new(TwoStages + "infra = \"yes\"\n", 10, 9, "pipeline.infra", "expected a boolean (true or false), found a string"),
        ["misspelt pipeline key"] = new(TwoStages + "stage = [\"qa\"]\n", 10, 1, "pipeline.stage", "unknown key \"stage\"", "did you mean \"stages\"?"),
        ["pipeline written per environment"] = new(Configs.Minimal + Qa + "pipeline = { branch = \"main\" }\n", 6, 1, "environments.qa.pipeline", "\"pipeline\" cannot be set per environment", "set [pipeline] at the top level"),
        ["pipeline without an AWS environment"] = new(Configs.Minimal + "[pipeline]\nbranch = \"main\"\n", 3, 2, "pipeline", "a pipeline needs an AWS environment to deploy to", "add [environments.qa] with account and region"),
        ["pipeline that is not a table, under an environment"] = new(Configs.Minimal + Qa + "pipeline = \"github\"\n", 6, 1, "environments.qa.pipeline", "\"pipeline\" cannot be set per environment"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Mistake_is_reported_once_with_its_location(string name)
    {
        var mistake = Cases[name];

        var problem = Assert.Single(Configs.Problems(mistake.Toml));

        Assert.Equal(Configs.FileName, problem.File);
        Assert.Equal((mistake.Line, mistake.Column), (problem.Line, problem.Column));
        Assert.Equal(mistake.KeyPath, problem.KeyPath);
        Assert.Contains(mistake.Message, problem.Message, StringComparison.Ordinal);
        if (mistake.Hint is not null)
        {
            Assert.NotNull(problem.Hint);
            Assert.Contains(mistake.Hint, problem.Hint, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Top_level_pipeline_that_is_not_a_table_is_a_type_error()
    {
        var problem = Assert.Single(Configs.Problems(Configs.Minimal + "pipeline = \"github\"\n" + Qa));

        Assert.Equal((3, 12, "pipeline"), (problem.Line, problem.Column, problem.KeyPath));
        Assert.Equal("expected a table, found a string", problem.Message);
    }

    [Fact]
    public void Without_the_table_every_AWS_environment_is_a_stage_in_file_order()
    {
        var config = Configs.Service(Configs.Minimal + Prod + Qa);

        Assert.Equal(new PipelineSettings(null, "main", ["prod", "qa"], [], [], null), config.Pipeline, PipelineComparer.Instance);
    }

    [Fact]
    public void Environments_on_the_local_region_are_not_default_stages()
    {
        var config = Configs.Service(Configs.Minimal + Staging + Qa + Prod + "[pipeline]\n");

        Assert.Equal(["qa", "prod"], config.Pipeline.Stages);
    }

    [Fact]
    public void An_environment_of_the_local_region_other_than_local_may_be_listed_as_a_stage()
    {
        // The pipeline rehearsed on this machine: stages on the local region, reached with the caller's credentials.
        var config = Configs.Service(Configs.Minimal + Staging + Prod + "[pipeline]\nstages = [\"staging\", \"prod\"]\n");

        Assert.Equal(["staging", "prod"], config.Pipeline.Stages);
    }

    [Fact]
    public void A_file_without_AWS_environments_and_without_the_table_has_no_stages_and_no_error()
    {
        var config = Configs.Service(Configs.Minimal);

        Assert.Empty(config.Pipeline.Stages);
        Assert.Equal("main", config.Pipeline.Branch);
    }

    [Fact]
    public void Every_key_is_read()
    {
        var config = Configs.Service(Configs.Minimal + Qa + Prod + """
            [pipeline]
            repository = "acme/todo-api"
            branch = "release/2"
            stages = ["prod", "qa"]
            test = "dotnet TodoApi.dll --self-test"
            approvers = ["ann@example.com", "bob.ray+ops@example.co.uk"]
            connection = "arn:aws:codestar-connections:us-east-1:111111111111:connection/0a1b2c3d-0000-4000-8000-000000000000"

            """);

        Assert.Equal(
            new PipelineSettings(
                "acme/todo-api",
                "release/2",
                ["prod", "qa"],
                ["dotnet TodoApi.dll --self-test"],
                ["ann@example.com", "bob.ray+ops@example.co.uk"],
                "arn:aws:codestar-connections:us-east-1:111111111111:connection/0a1b2c3d-0000-4000-8000-000000000000"),
            config.Pipeline,
            PipelineComparer.Instance);
    }

    [Fact]
    public void Test_may_be_a_list_of_commands_run_in_order_and_infra_is_read()
    {
        var config = Configs.Service(TwoStages + "test = [\"dotnet App.dll --self-test\", \"dotnet App.dll --check-migrations\"]\ninfra = true\n");

        Assert.Equal(["dotnet App.dll --self-test", "dotnet App.dll --check-migrations"], config.Pipeline.Tests);
        Assert.True(config.Pipeline.Infra);
        Assert.Equal(
            [new PipelineTest("FARGO_TEST_1", "dotnet App.dll --self-test"), new PipelineTest("FARGO_TEST_2", "dotnet App.dll --check-migrations")],
            config.Pipeline.TestVariables());
        Assert.Equal(" --test \"$FARGO_TEST_1\" --test \"$FARGO_TEST_2\"", config.Pipeline.TestArguments());
    }

    [Fact]
    public void One_test_command_is_one_variable_and_no_infra_by_default()
    {
        var config = Configs.Service(TwoStages + "test = \"dotnet App.dll --self-test\"\n");

        Assert.Equal([new PipelineTest("FARGO_TEST", "dotnet App.dll --self-test")], config.Pipeline.TestVariables());
        Assert.False(config.Pipeline.Infra);
    }

    [Fact]
    public void A_stage_subset_is_kept_in_the_order_written()
    {
        var config = Configs.Service(Configs.Minimal + Qa + Prod + "[pipeline]\nstages = [\"prod\"]\nconnection = \"arn:aws:codeconnections:eu-west-1:111111111111:connection/abc-123\"\n");

        Assert.Equal(["prod"], config.Pipeline.Stages);
    }

    [Fact]
    public void Several_pipeline_mistakes_are_reported_together()
    {
        var problems = Configs.Problems(TwoStages + "stages = [\"qa\", \"qa\", \"stage\"]\napprovers = [\"x\", \"y@\"]\n");

        Assert.Equal(
            [(10, 17, "\"qa\" is listed twice"), (10, 23, "\"stage\" is not an environment of this file"), (11, 14, "\"x\" is not an e-mail address"), (11, 19, "\"y@\" is not an e-mail address")],
            problems.Select(p => (p.Line, p.Column, p.Message)));
    }

    [Theory]
    [InlineData("https://github.com/acme/todo-api.git", "acme/todo-api")]
    [InlineData("https://github.com/acme/todo-api", "acme/todo-api")]
    [InlineData("https://github.com/acme/todo-api/", "acme/todo-api")]
    [InlineData("https://x-access-token:ghs_abc@github.com/acme/todo.api.git", "acme/todo.api")]
    [InlineData("git@github.com:acme/todo-api.git", "acme/todo-api")]
    [InlineData("git@github.com:acme/todo-api", "acme/todo-api")]
    [InlineData("ssh://git@github.com/acme/todo-api.git", "acme/todo-api")]
    [InlineData("ssh://git@github.com:22/Acme-Corp/Todo_API.git", "Acme-Corp/Todo_API")]
    [InlineData("https://gitlab.com/acme/todo-api.git", null)]
    [InlineData("git@bitbucket.org:acme/todo-api.git", null)]
    [InlineData("https://github.com/acme", null)]
    [InlineData("https://github.com/acme/todo-api/tree/main", null)]
    [InlineData("/srv/git/todo-api.git", null)]
    [InlineData("", null)]
    public void Repository_is_read_from_GitHub_remote_URLs_only(string url, string? expected) =>
        Assert.Equal(expected, GitHubRepository.FromRemoteUrl(url));

    private sealed record Mistake(string Toml, int Line, int Column, string KeyPath, string Message, string? Hint = null);

    /// <summary>Records compare lists by reference; settings are equal when their values are.</summary>
    private sealed class PipelineComparer : IEqualityComparer<PipelineSettings>
    {
        public static readonly PipelineComparer Instance = new();

        public bool Equals(PipelineSettings? x, PipelineSettings? y) =>
            x is not null && y is not null
            && (x.Repository, x.Branch, x.Connection, x.Infra) == (y.Repository, y.Branch, y.Connection, y.Infra)
            && x.Tests.SequenceEqual(y.Tests)
            && x.Stages.SequenceEqual(y.Stages)
            && x.Approvers.SequenceEqual(y.Approvers);

        public int GetHashCode(PipelineSettings obj) => obj.Branch.GetHashCode(StringComparison.Ordinal);
    }
}
