using Fargo.Config.Model;
using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>The flat file of existing deploy scripts: one existing cluster and service.</summary>
public sealed class FlatFormatTests
{
    private const string Valid = """
        account = "123456789012"
        region = "eu-west-1"
        cluster = "legacy"
        service = "billing"
        port = 5000
        execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        task_role_arn = "arn:aws:iam::123456789012:role/service-role/billing-task"

        """;

    [Fact]
    public void Flat_file_loads_as_an_existing_service()
    {
        var config = Assert.IsType<FlatConfig>(Configs.Load(Valid));

        Assert.Equal(
            new FlatServiceConfig(
                "123456789012",
                "eu-west-1",
                "legacy",
                "billing",
                5000,
                "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
                "arn:aws:iam::123456789012:role/service-role/billing-task"),
            config.Settings);
        Assert.Equal(Configs.FileName, config.SourcePath);
    }

    [Fact]
    public void Cluster_may_be_an_arn()
    {
        var config = Assert.IsType<FlatConfig>(Configs.Load(Valid.Replace("\"legacy\"", "\"arn:aws:ecs:eu-west-1:123456789012:cluster/legacy\"", StringComparison.Ordinal)));

        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:cluster/legacy", config.Settings.Cluster);
    }

    [Fact]
    public void Every_missing_key_is_reported()
    {
        var problems = Configs.Problems("account = \"123456789012\"\nregion = \"eu-west-1\"\n");

        Assert.Equal(["cluster", "service", "port", "execution_role_arn", "task_role_arn"], problems.Select(p => p.KeyPath));
        Assert.All(problems, p => Assert.Equal("required key is missing", p.Message));
    }

    [Fact]
    public void Malformed_values_are_each_located()
    {
        var text = Valid
            .Replace("\"123456789012\"", "\"1234\"", StringComparison.Ordinal)
            .Replace("\"eu-west-1\"", "\"eu-west\"", StringComparison.Ordinal)
            .Replace("port = 5000", "port = 0", StringComparison.Ordinal)
            .Replace("arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "ecsTaskExecutionRole", StringComparison.Ordinal);

        var problems = Configs.Problems(text);

        Assert.Equal(
            [
                "fargo.toml:1:11: account: \"1234\" is not an AWS account id (12 digits)",
                "fargo.toml:2:10: region: \"eu-west\" is not an AWS region name such as \"us-east-1\"",
                "fargo.toml:5:8: port: 0 is out of range (1-65535)",
                "fargo.toml:6:22: execution_role_arn: \"ecsTaskExecutionRole\" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Unknown_key_in_a_flat_file_suggests_the_flat_key()
    {
        var problem = Assert.Single(Configs.Problems(Valid + "execution_role = \"x\"\n"));

        Assert.Equal((8, 1, "execution_role"), (problem.Line, problem.Column, problem.KeyPath));
        Assert.Equal("did you mean \"execution_role_arn\"?", problem.Hint);
    }

    [Fact]
    public void Mixing_flat_and_full_keys_names_every_flat_key()
    {
        var problems = Configs.Problems("name = \"billing\"\n" + Valid);

        Assert.Equal(["account", "region", "cluster", "service", "execution_role_arn", "task_role_arn"], problems.Select(p => p.KeyPath));
        Assert.All(problems, p => Assert.Contains("belongs to the flat format", p.Message, StringComparison.Ordinal));
    }
}
