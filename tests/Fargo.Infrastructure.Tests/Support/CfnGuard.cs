using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>One failed check: a Control Tower control, a template, a resource in it.</summary>
public sealed record GuardFailure(string Control, string Template, string Resource)
{
    public override string ToString() => $"{Control} on {Resource} in {Path.GetFileName(Template)}";
}

/// <summary>
/// Runs the cfn-guard binary that npm's @cdklabs/cdk-validator-cfnguard ships, with the AWS Control Tower
/// proactive controls it ships, over templates.
/// </summary>
internal static partial class CfnGuard
{
    public static string PackageDirectory => RepositoryRoot.Combine("node_modules", "@cdklabs", "cdk-validator-cfnguard");

    public static string RulesDirectory => Path.Combine(PackageDirectory, "rules", "control-tower", "cfn-guard");

    public static string Binary
    {
        get
        {
            var platform = OperatingSystem.IsMacOS() ? "macos" : "ubuntu";
            var architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64";
            var binary = Path.Combine(PackageDirectory, "bin", platform, architecture, "cfn-guard");
            return File.Exists(binary)
                ? binary
                : throw new InvalidOperationException($"{binary} is missing: run `npm ci` at the repository root (./test.sh does)");
        }
    }

    public static IReadOnlyList<GuardFailure> Validate(params string[] templates)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "validate", "--rules", RulesDirectory, "--output-format", "json", "--show-summary", "none", "--structured" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var template in templates)
        {
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(template);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // cfn-guard exits 19 when a check fails and 0 when all pass; anything else is a broken run.
        if (process.ExitCode is not (0 or 19))
        {
            throw new InvalidOperationException($"cfn-guard exited {process.ExitCode}: {stderr.Result}");
        }

        var failures = new HashSet<GuardFailure>();
        foreach (var file in JsonNode.Parse(output)!.AsArray())
        {
            var template = (string)file!["name"]!;
            foreach (var rule in file["not_compliant"]?.AsArray() ?? [])
            {
                var text = rule!.ToJsonString();
                var controls = ControlId().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();
                Assert.True(controls.Count == 1, $"a cfn-guard rule without exactly one control id: {text[..Math.Min(400, text.Length)]}");
                foreach (var resource in ResourcePath().Matches(text).Select(m => m.Groups[1].Value).Distinct())
                {
                    failures.Add(new GuardFailure(controls[0], template, resource));
                }
            }
        }

        return failures.OrderBy(f => f.ToString(), StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\[(CT\.[A-Z0-9]+\.PR\.\d+)\]")]
    private static partial Regex ControlId();

    [GeneratedRegex(@"/Resources/([A-Za-z0-9]+)")]
    private static partial Regex ResourcePath();
}
