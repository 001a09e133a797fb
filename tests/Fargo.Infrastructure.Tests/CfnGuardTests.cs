using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The synthesized templates against the AWS Control Tower proactive controls: zero failures except the
/// reasoned exceptions of <see cref="GuardExceptions"/>.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class CfnGuardTests(SynthesisFixture synthesis)
{
    public static TheoryData<string> Environments => [.. SynthesisFixture.Names];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Templates_pass_the_control_tower_controls_but_for_the_listed_exceptions(string name)
    {
        var environment = synthesis.Get(name);
        var failures = FailuresOf(environment);
        var unexplained = failures.Where(f => !GuardExceptions.All.Any(e => e.Covers(f.Control, f.Resource, environment.Settings))).ToList();
        Assert.True(unexplained.Count == 0, "cfn-guard failures without a listed exception:\n" + string.Join('\n', unexplained));
    }

    public static TheoryData<string> CiCdStacks => [.. SynthesisFixture.SingleStackNames];

    [Theory]
    [MemberData(nameof(CiCdStacks))]
    public void Pipeline_and_deploy_access_pass_the_control_tower_controls_but_for_the_listed_exceptions(string name)
    {
        var stack = synthesis.GetSingle(name);
        var unexplained = FailuresOf(stack).Where(f => !GuardExceptions.All.Any(e => e.Covers(f.Control, f.Resource, stack.Settings))).ToList();
        Assert.True(unexplained.Count == 0, "cfn-guard failures without a listed exception:\n" + string.Join('\n', unexplained));
    }

    [Fact]
    public void Every_exception_is_still_needed()
    {
        var used = SynthesisFixture.Names.Select(synthesis.Get)
            .SelectMany(environment => FailuresOf(environment).SelectMany(f => GuardExceptions.All.Where(e => e.Covers(f.Control, f.Resource, environment.Settings))))
            .Concat(SynthesisFixture.SingleStackNames.Select(synthesis.GetSingle)
                .SelectMany(stack => FailuresOf(stack).SelectMany(f => GuardExceptions.All.Where(e => e.Covers(f.Control, f.Resource, stack.Settings)))))
            .ToHashSet();
        var stale = GuardExceptions.All.Where(e => !used.Contains(e)).Select(e => $"{e.Control} on {string.Join('|', e.Resources)}").ToList();
        Assert.True(stale.Count == 0, "exceptions that no template needs any more (remove them):\n" + string.Join('\n', stale));
    }

    [Fact]
    public void The_check_catches_a_violation()
    {
        // A bucket without public access block, KMS encryption or versioning must fail: proof the rules ran.
        var controls = synthesis.GuardFailures.Where(f => f.Template == synthesis.ViolatingTemplate).Select(f => f.Control).ToHashSet();
        Assert.Contains("CT.S3.PR.1", controls);
        Assert.Contains("CT.S3.PR.11", controls);
        Assert.Contains("CT.S3.PR.10", controls);
    }

    private List<GuardFailure> FailuresOf(SynthesizedSingleStack stack) =>
        synthesis.GuardFailures.Where(f => f.Template == stack.Assembly.Template).ToList();

    private List<GuardFailure> FailuresOf(SynthesizedEnvironment environment) =>
        synthesis.GuardFailures.Where(f => f.Template == environment.Assembly.EnvironmentTemplate || f.Template == environment.Assembly.ServiceTemplate).ToList();
}
