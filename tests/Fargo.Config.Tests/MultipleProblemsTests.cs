using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>Every problem of a file is reported at once, in file order, each located.</summary>
public sealed class MultipleProblemsTests
{
    private const string Broken = """
        name = "api"
        port = 0

        [resources]
        cpu = 256
        memory = 4096

        [helth]
        path = "/"

        [deploy]
        drain = "soon"

        [environments.prod]
        account = "2222"
        region = "us-east-1"
        scaling = { min = 4, max = 2, cpu = 60 }

        """;

    [Fact]
    public void All_problems_come_together_in_file_order()
    {
        var problems = Configs.Problems(Broken);

        Assert.Equal(
            [
                "fargo.toml:2:8: port: 0 is out of range (1-65535)",
                "fargo.toml:6:10: resources.memory: 4096 is not a valid memory size for cpu 256 (valid: 512, 1024, 2048) (memory 4096 needs cpu 512 or 1024 or 2048)",
                "fargo.toml:8:2: helth: unknown key \"helth\" (did you mean \"health\"?)",
                "fargo.toml:12:9: deploy.drain: \"soon\" is not a duration; write whole numbers with units h, m, s in that order, e.g. \"30s\", \"5m\", \"1h30m\"",
                "fargo.toml:15:11: environments.prod.account: \"2222\" is not an AWS account id (12 digits)",
                "fargo.toml:17:19: environments.prod.scaling.min: min (4) is greater than max (2)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Exception_message_lists_every_problem()
    {
        var error = Assert.Throws<ConfigException>(() => Configs.Load(Broken));

        Assert.StartsWith("6 problems:", error.Message, StringComparison.Ordinal);
        Assert.All(error.Diagnostics, d => Assert.Contains(d.ToString(), error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Syntax_error_is_one_located_diagnostic()
    {
        var problem = Assert.Single(Configs.Problems("name = \"api\"\nport = 8080\nport = 9090\n"));

        Assert.Equal((3, 1, ""), (problem.Line, problem.Column, problem.KeyPath));
        Assert.StartsWith("invalid TOML: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_config_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fargo-missing-{Guid.NewGuid():N}", "fargo.toml");

        var error = Assert.Throws<ConfigException>(() => new ConfigLoader().Load(path));

        Assert.Equal($"{path}: the file does not exist", Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void Invalid_utf8_in_a_file_is_located()
    {
        var folder = Directory.CreateTempSubdirectory("fargo-config-").FullName;
        try
        {
            var path = Path.Combine(folder, "fargo.toml");
            File.WriteAllBytes(path, [.. "name = \"api\"\nport = 8080\n# caf"u8, 0xC3, 0x28, (byte)'\n']);

            var problem = Assert.Single(Assert.Throws<ConfigException>(() => new ConfigLoader().Load(path)).Diagnostics);

            Assert.Equal((path, 3), (problem.File, problem.Line));
            Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
