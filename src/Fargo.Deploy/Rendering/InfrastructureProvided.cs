using Fargo.Aws.Ecs;
using Fargo.Config.Model;

namespace Fargo.Deploy.Rendering;

/// <summary>
/// The variables the service stack puts into the task definition it creates — on AWS and on the local region alike
/// (the same stacks) — the RDS credentials as
/// Secrets Manager references and the bucket names — whose values (a generated secret ARN, generated bucket
/// names) exist only in that stack, not in fargo.toml. A deploy renders from fargo.toml, so it carries them over
/// from the revision that runs; dropping them would leave the new tasks without their database.
/// </summary>
public static class InfrastructureProvided
{
    public const string DataBucket = "DATA_BUCKET";

    public static readonly IReadOnlyList<string> ReportsVariables = ["REPORTS_BUCKET", "REPORTS_URL"];

    /// <summary>
    /// <paramref name="rendered"/> with the infrastructure's secrets and variables that <paramref name="running"/>
    /// has and the rendering lacks, for what the configuration turns on (a [database], the buckets).
    /// </summary>
    public static RegisterTaskDefinitionRequest CarryOver(ServiceSettings settings, RegisterTaskDefinitionRequest rendered, TaskDefinition? running)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rendered);
        if (running?.ContainerDefinitions is not { } before)
        {
            return rendered;
        }

        IReadOnlyList<string> secretNames = settings.Database is null ? [] : [.. settings.Database.Variables.Keys];
        var variableNames = new List<string>();
        if (settings.Buckets.Data)
        {
            variableNames.Add(DataBucket);
        }

        if (settings.Buckets.Reports)
        {
            variableNames.AddRange(ReportsVariables);
        }

        return rendered with
        {
            ContainerDefinitions = [.. rendered.ContainerDefinitions.Select(container =>
                before.FirstOrDefault(r => r.Name == container.Name) is { } old ? Merge(container, old, secretNames, variableNames) : container)],
        };
    }

    private static ContainerDefinition Merge(ContainerDefinition container, ContainerDefinition old, IReadOnlyList<string> secretNames, IReadOnlyList<string> variableNames)
    {
        var secrets = (container.Secrets ?? []).ToList();
        foreach (var secret in (old.Secrets ?? []).Where(s => secretNames.Contains(s.Name) && secrets.All(mine => mine.Name != s.Name)))
        {
            secrets.Add(secret);
        }

        var environment = (container.Environment ?? []).ToList();
        foreach (var variable in (old.Environment ?? []).Where(v => v.Name is { } name && variableNames.Contains(name) && environment.All(mine => mine.Name != name)))
        {
            environment.Add(variable);
        }

        return container with
        {
            Secrets = secrets.Count == 0 ? null : [.. secrets.OrderBy(s => s.Name, StringComparer.Ordinal)],
            Environment = environment.Count == 0 ? null : [.. environment.OrderBy(v => v.Name, StringComparer.Ordinal)],
        };
    }
}
