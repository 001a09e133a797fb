using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// Promote reads each stage's repository with that stage's own read role (DeployAccessStack), so no repository admits
/// another account: not the first stage's, which later stages promote from, nor any other.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class RepositoryPolicyTests(SynthesisFixture synthesis)
{
    [Theory]
    [InlineData("qa")]
    [InlineData("prod")]
    [InlineData("existing-network")]
    public void No_repository_has_a_policy_that_lets_another_account_pull(string name)
    {
        var repository = Assert.Single(SynthesizedEnvironment.Resources(synthesis.Get(name).ServiceJson, "AWS::ECR::Repository")).Value;
        Assert.Null(repository["Properties"]!["RepositoryPolicyText"]);
    }
}
