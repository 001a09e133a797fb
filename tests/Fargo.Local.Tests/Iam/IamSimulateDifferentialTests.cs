using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Fargo.Local.Iam;
using Fargo.Tests;
using Xunit.Abstractions;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// The evaluator against npm @cloud-copilot/iam-simulate on generated requests and policies (identity, permissions
/// boundary, resource policy; Action/NotAction, Resource/NotResource, wildcards, variables, condition operators and set
/// qualifiers): the same decision — allowed, explicitly denied, implicitly denied — on every case.
/// </summary>
public sealed class IamSimulateDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20241207;
    private const int CaseCount = 4000;

    [Fact]
    public async Task Evaluator_agrees_with_iam_simulate_on_every_generated_case()
    {
        var cases = new IamCaseGenerator(Seed).Generate(CaseCount).ToList();
        var theirs = await RunIamSimulateAsync(cases, CancellationToken.None);

        var disagreements = new StringBuilder();
        var agreed = 0;
        var excepted = new List<string>();
        var outcomes = new Dictionary<string, int>();
        foreach (var generated in cases)
        {
            var ours = Evaluate(generated);
            var expected = theirs[generated.Id];
            outcomes[expected] = outcomes.GetValueOrDefault(expected) + 1;
            if (ours.Outcome.ToString() == expected)
            {
                agreed++;
                continue;
            }

            if (DocumentedExceptions.FirstOrDefault(exception => exception.AppliesTo(generated)) is { } documented)
            {
                excepted.Add($"case {generated.Id}: iam-simulate {expected}, Fargo {ours.Outcome}; {documented.Name}: {documented.Reason}");
                continue;
            }

            disagreements.AppendLine($"case {generated.Id}: iam-simulate {expected}, Fargo {ours.Outcome} ({ours.Reason}; {ours.DecidingStatement})");
            disagreements.AppendLine(generated.ToJson().ToJsonString());
        }

        output.WriteLine($"{agreed} of {cases.Count} cases agree; iam-simulate's outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        output.WriteLine($"{excepted.Count} documented exceptions (Fargo follows AWS's documentation):\n{string.Join("\n", excepted)}");
        Assert.True(disagreements.Length == 0, $"{cases.Count - agreed - excepted.Count} of {cases.Count} cases disagree:\n{disagreements}");
        // The generator must exercise every outcome, or agreement would prove little.
        Assert.All(Enum.GetNames<DecisionOutcome>(), outcome => Assert.True(outcomes.GetValueOrDefault(outcome) > CaseCount / 20, $"too few {outcome} cases"));
    }

    /// <summary>A kind of case where iam-simulate departs from AWS's documentation, and why the evaluator follows AWS.</summary>
    private sealed record DocumentedException(string Name, string Reason, Func<GeneratedCase, bool> AppliesTo);

    private static readonly DocumentedException[] DocumentedExceptions =
    [
        new("IPv6 caller, single IPv4 address in NotIpAddress",
            "AWS's IpAddress/NotIpAddress take a single address as its /32 range (Condition operators, IP address condition operators), "
            + "so an IPv6 caller is outside it exactly as it is outside an IPv4 CIDR block, and NotIpAddress holds. iam-simulate 0.1.173 "
            + "does that for IPv4 CIDR blocks but makes a single IPv4 address fail NotIpAddress for an IPv6 caller (condition/ipaddress/ip.js).",
            generated => generated.Context["aws:SourceIp"]?.GetValue<string>().Contains(':', StringComparison.Ordinal) == true
                && Conditions(generated).Any(c => c.Operator.Contains("NotIpAddress", StringComparison.Ordinal)
                    && c.Values.Any(v => !v.Contains('/', StringComparison.Ordinal) && !v.Contains(':', StringComparison.Ordinal)))),
    ];

    private static IEnumerable<PolicyCondition> Conditions(GeneratedCase generated) =>
        generated.IdentityPolicies.Select(p => p!["policy"]!.AsObject())
            .Append(generated.Boundary).Append(generated.ResourcePolicy)
            .OfType<JsonObject>()
            .SelectMany(policy => PolicyDocument.Parse(policy.ToJsonString()).Statements)
            .SelectMany(statement => statement.Conditions);

    private static AuthorizationDecision Evaluate(GeneratedCase generated)
    {
        var context = new RequestContext();
        foreach (var (key, value) in generated.Context)
        {
            _ = value is JsonArray set ? context.WithSet(key, set.Select(v => v!.GetValue<string>())) : context.With(key, value!.GetValue<string>());
        }

        var identity = generated.IdentityPolicies.Select(p => new NamedPolicy(p!["name"]!.GetValue<string>(), PolicyDocument.Parse(p["policy"]!.ToJsonString()))).ToList();
        var policies = new PolicySet(
            identity,
            generated.Boundary is { } boundary ? new NamedPolicy("boundary", PolicyDocument.Parse(boundary.ToJsonString())) : null,
            generated.ResourcePolicy is { } resource ? new NamedPolicy("resource", PolicyDocument.Parse(resource.ToJsonString())) : null);
        return PolicyEvaluator.Evaluate(policies, new AuthorizationRequest(generated.Principal, generated.Action, generated.Resource, context));
    }

    private static async Task<Dictionary<int, string>> RunIamSimulateAsync(IReadOnlyList<GeneratedCase> cases, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("fargo-iam-");
        try
        {
            var casesPath = Path.Combine(directory.FullName, "cases.json");
            var resultsPath = Path.Combine(directory.FullName, "results.json");
            await File.WriteAllTextAsync(casesPath, new JsonArray([.. cases.Select(c => c.ToJson())]).ToJsonString(), cancellationToken);

            var script = RepositoryRoot.Combine("tests", "Fargo.Local.Tests", "Iam", "iam-simulate-cases.cjs");
            using var node = Process.Start(new ProcessStartInfo("node", [script, casesPath, resultsPath])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                WorkingDirectory = RepositoryRoot.Path,
            })!;
            var stderr = node.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            await node.WaitForExitAsync(timeout.Token);
            Assert.True(node.ExitCode == 0, $"node exited with {node.ExitCode}: {await stderr}");

            var results = JsonNode.Parse(await File.ReadAllTextAsync(resultsPath, cancellationToken))!.AsArray();
            var errors = results.Where(r => r!["error"] is not null).Select(r => $"case {r!["id"]}: {r["error"]}").ToList();
            Assert.True(errors.Count == 0, "iam-simulate failed on cases:\n" + string.Join("\n", errors));
            return results.ToDictionary(r => r!["id"]!.GetValue<int>(), r => r!["decision"]!.GetValue<string>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
