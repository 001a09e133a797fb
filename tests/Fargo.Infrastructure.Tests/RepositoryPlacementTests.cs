using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// Which environment creates the image repository: ECR holds one repository of a name per account and region, so of
/// the environments that share both, the first in fargo.toml's order creates it and the others import it.
/// </summary>
public sealed class RepositoryPlacementTests
{
    private static readonly ServiceSettings Qa = ExampleConfig.ForEnvironment("qa");

    private static ServiceSettings Environment(string name, string account, string region) => Qa with
    {
        Environment = new EnvironmentTarget(name, account, region, RequiresApproval: false, IsLocal: false),
        Names = ResourceNaming.For(Qa.Name, name),
    };

    private static ServiceSettings Local() => Qa with
    {
        Environment = new EnvironmentTarget("local", "000000000000", "local", RequiresApproval: false, IsLocal: true),
        Names = ResourceNaming.For(Qa.Name, "local"),
    };

    [Fact]
    public void Environments_in_separate_accounts_each_create_their_own()
    {
        ServiceSettings[] all = [Environment("qa", "111111111111", "us-east-1"), Environment("prod", "222222222222", "us-east-1")];

        Assert.All(all, settings => AssertAlone(RepositoryPlacement.For(settings, all)));
    }

    [Fact]
    public void In_one_account_and_region_the_first_in_the_file_creates_it_and_the_others_import_it()
    {
        // prod is written first here: the file's order decides, not the names.
        var prod = Environment("prod", "111111111111", "us-east-1");
        var qa = Environment("qa", "111111111111", "us-east-1");
        var staging = Environment("staging", "111111111111", "us-east-1");
        ServiceSettings[] all = [prod, qa, staging];

        var owner = RepositoryPlacement.For(prod, all);
        Assert.True(owner.Owns);
        Assert.Null(owner.OwnerEnvironment);
        Assert.True(owner.Shared);
        Assert.Equal(["qa", "staging"], owner.SharedWith);

        foreach (var importer in new[] { qa, staging })
        {
            var placement = RepositoryPlacement.For(importer, all);
            Assert.False(placement.Owns);
            Assert.Equal("prod", placement.OwnerEnvironment);
            Assert.True(placement.Shared);
            Assert.DoesNotContain(importer.Environment.Name, placement.SharedWith);
            Assert.Contains("prod", placement.SharedWith);
        }
    }

    [Fact]
    public void Same_account_in_another_region_is_another_registry()
    {
        ServiceSettings[] all = [Environment("qa", "111111111111", "us-east-1"), Environment("prod", "111111111111", "eu-west-1")];

        Assert.All(all, settings => AssertAlone(RepositoryPlacement.For(settings, all)));
    }

    [Fact]
    public void Another_service_in_the_same_account_and_region_has_another_repository()
    {
        var qa = Environment("qa", "111111111111", "us-east-1");
        var other = Environment("prod", "111111111111", "us-east-1") with { Names = ResourceNaming.For("billing", "prod") };
        ServiceSettings[] all = [qa, other];

        Assert.All(all, settings => AssertAlone(RepositoryPlacement.For(settings, all)));
    }

    [Fact]
    public void The_local_region_never_counts()
    {
        var local = Local();
        var qa = Environment("qa", "111111111111", "us-east-1");
        var prod = Environment("prod", "111111111111", "us-east-1");
        // local is written first, yet qa, the first AWS environment of the account and region, owns the repository.
        ServiceSettings[] all = [local, qa, prod];

        var owner = RepositoryPlacement.For(qa, all);
        Assert.True(owner.Owns);
        Assert.Equal(["prod"], owner.SharedWith);
        Assert.Equal("qa", RepositoryPlacement.For(prod, all).OwnerEnvironment);
        AssertAlone(RepositoryPlacement.For(local, all));

        // A local environment that claims an AWS account and region is still not in AWS.
        var disguised = local with { Environment = local.Environment with { Account = "111111111111", Region = "us-east-1" } };
        Assert.True(RepositoryPlacement.For(qa, [disguised, qa, prod]).Owns);
    }

    [Fact]
    public void The_example_keeps_one_repository_per_environment()
    {
        // examples/todo-api/fargo.toml: qa and prod in separate accounts.
        var stages = ExampleConfig.PipelineStages();
        Assert.All(stages, settings => AssertAlone(RepositoryPlacement.For(settings, stages)));
    }

    [Fact]
    public void An_environment_missing_from_the_list_is_a_bug_of_the_caller()
    {
        var qa = Environment("qa", "111111111111", "us-east-1");
        Assert.Throws<ArgumentException>(() => RepositoryPlacement.For(qa, [Environment("prod", "111111111111", "us-east-1")]));
    }

    private static void AssertAlone(RepositoryPlacement placement)
    {
        Assert.True(placement.Owns);
        Assert.Null(placement.OwnerEnvironment);
        Assert.False(placement.Shared);
        Assert.Empty(placement.SharedWith);
    }
}
