using System.Globalization;
using System.Text.Json;
using Fargo.Config.Model;

namespace Fargo.Infrastructure;

/// <summary>A stack as DescribeStacks shows it: what the checks of a shared environment read.</summary>
public sealed record StackState(string Name, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> Outputs);

/// <summary>What an environment holds before a service's stacks are deployed into it: its stack, and its services' stacks.</summary>
public sealed record EnvironmentState(StackState? Environment, IReadOnlyList<StackState> Services);

/// <summary>
/// The parameters the checks decide: who the environment's settings come from, and the service's rule priority (null for
/// a service without a load balancer, whose stack has no rule).
/// </summary>
public sealed record SharedEnvironmentInputs(EnvironmentOwner ConfiguredBy, int? ListenerRulePriority)
{
    /// <summary>What the environment stack takes of them.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentParameters =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [StackParameters.ConfiguredBy] = ConfiguredBy.ToRecorded() };

    /// <summary>What the service stack takes of them: nothing for a service without a listener rule.</summary>
    public IReadOnlyDictionary<string, string> ServiceParameters => ListenerRulePriority is { } priority
        ? new Dictionary<string, string>(StringComparer.Ordinal) { [StackParameters.ListenerRulePriority] = priority.ToString(CultureInfo.InvariantCulture) }
        : new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// The service and fargo.toml whose environment-wide settings an environment has, recorded as JSON in the environment
/// stack's <see cref="StackParameters.ConfiguredBy"/> (and its output).
/// </summary>
public sealed record EnvironmentOwner(string Service, string ConfigFile)
{
    /// <summary>The parameter's value: {"service":"todo-api","configFile":"/src/todo-api/fargo.toml"}.</summary>
    public string ToRecorded() => JsonSerializer.Serialize(this, EnvironmentOwnerJson.Default.EnvironmentOwner);

    /// <summary>How messages name it: "todo-api (/src/todo-api/fargo.toml)".</summary>
    public override string ToString() => $"{Service} ({ConfigFile})";

    /// <summary>
    /// The owner a stack recorded, or null when none was. Environments made before the owner was data recorded the text
    /// "service (file)": still read, and recorded as data by their next `infra up`.
    /// </summary>
    public static EnvironmentOwner? FromRecorded(string? recorded)
    {
        if (string.IsNullOrEmpty(recorded))
        {
            return null;
        }

        if (recorded.StartsWith('{'))
        {
            return JsonSerializer.Deserialize(recorded, EnvironmentOwnerJson.Default.EnvironmentOwner);
        }

        var at = recorded.IndexOf(" (", StringComparison.Ordinal);
        return at < 0 ? new EnvironmentOwner(recorded, "") : new EnvironmentOwner(recorded[..at], recorded[(at + 2)..].TrimEnd(')'));
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(EnvironmentOwner))]
internal sealed partial class EnvironmentOwnerJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>One environment-wide setting on which a service's file and the environment disagree.</summary>
/// <param name="Where">The file, line and key ("fargo.toml:14: network.domain").</param>
public sealed record SettingDisagreement(string Key, string Where, string FileValue, string EnvironmentValue);

/// <summary>
/// The checks that let several services share one environment safely, made against what is deployed before anything
/// changes: the environment-wide settings of a service's file must be the environment's (only the service whose file
/// made the environment may change them), no two services may answer for the same host and path, and every service's
/// listener rule gets a priority no other rule holds, which it then keeps.
/// </summary>
public static class SharedEnvironment
{
    /// <summary>The keys whose lines an error may name (<see cref="Plan"/>'s keyLines).</summary>
    public static IReadOnlyList<string> CheckedKeys { get; } = [.. EnvironmentWideSettings.Keys, "http.host", "http.path"];

    /// <param name="configFile">The service's fargo.toml, as the error and the environment's record name it.</param>
    /// <param name="keyLines">Where <see cref="CheckedKeys"/> are written in it for this environment (Fargo.Config's ConfigKeyLocator).</param>
    public static SharedEnvironmentInputs Plan(ServiceSettings settings, string configFile, IReadOnlyDictionary<string, int> keyLines, EnvironmentState state)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(keyLines);
        ArgumentNullException.ThrowIfNull(state);
        var names = StackNames.For(settings);
        var configuredBy = ConfiguredBy(settings, configFile, keyLines, state, names);
        return new SharedEnvironmentInputs(configuredBy, settings.IsLoadBalanced ? Priority(settings, configFile, keyLines, state, names) : null);
    }

    private static EnvironmentOwner ConfiguredBy(ServiceSettings settings, string configFile, IReadOnlyDictionary<string, int> keyLines, EnvironmentState state, StackNames names)
    {
        var mine = new EnvironmentOwner(settings.Name, configFile);
        if (state.Environment is not { } environment
            || !environment.Outputs.TryGetValue(StackOutputs.EnvironmentSettings, out var recordedJson))
        {
            // A new environment (or one made before environments recorded their settings): this file's settings make it.
            return mine;
        }

        var recorded = JsonSerializer.Deserialize(recordedJson, Stacks.EnvironmentSettingsJson.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>();
        var owner = EnvironmentOwner.FromRecorded(environment.Outputs.GetValueOrDefault(StackOutputs.ConfiguredBy));
        var disagreements = EnvironmentWideSettings.Of(settings).ByKey()
            .Where(setting => recorded.TryGetValue(setting.Key, out var value) && value != setting.Value)
            .Select(setting => new SettingDisagreement(setting.Key, Located(configFile, keyLines, setting.Key), setting.Value, recorded[setting.Key]))
            .ToList();
        if (disagreements.Count == 0)
        {
            // Nothing to change: keep the record as it is, so that the environment stack has no change at all.
            return owner ?? mine;
        }

        var ownerService = owner?.Service;
        var ownerStillThere = ownerService is not null && state.Services.Any(s => s.Name == $"{names.Environment}-{ownerService}");
        if (ownerService == settings.Name || !ownerStillThere)
        {
            // The file that made the environment changes it (or the service that made it is gone, and this one takes it over).
            return mine;
        }

        throw new EnvironmentSettingsConflictException(settings.Environment.Name, configFile, owner!.ToString(), disagreements);
    }

    private static int Priority(ServiceSettings settings, string configFile, IReadOnlyDictionary<string, int> keyLines, EnvironmentState state, StackNames names)
    {
        var route = settings.Http;
        var taken = new HashSet<int>();
        int? current = null;
        foreach (var stack in state.Services)
        {
            if (!stack.Parameters.TryGetValue(StackParameters.ListenerRulePriority, out var text)
                || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority))
            {
                continue;
            }

            if (stack.Name == names.Service)
            {
                current = priority;
                continue;
            }

            taken.Add(priority);
            if (stack.Outputs.TryGetValue(StackOutputs.RoutePath, out var path)
                && route.SameRequestsAs(new HttpSettings(stack.Outputs.GetValueOrDefault(StackOutputs.RouteHost), path)))
            {
                var where = keyLines.ContainsKey("http.path") ? Located(configFile, keyLines, "http.path") : keyLines.ContainsKey("http.host") ? Located(configFile, keyLines, "http.host") : configFile;
                throw new RouteClashException(where, settings.Environment.Name, settings.Name, route, ServiceOf(stack, names));
            }
        }

        return ListenerRulePriorities.Allocate(settings.Name, route, current, taken)
            ?? throw new InfrastructureConfigurationException(
                $"environment '{settings.Environment.Name}' has no free listener rule priority left for routes like {route.Describe()}: every one of the band's {ListenerRulePriorities.BandOf(route).Last - ListenerRulePriorities.BandOf(route).First + 1} is taken");
    }

    /// <summary>"fargo.toml:14: network.domain", or "fargo.toml: network.domain" when the default applies.</summary>
    private static string Located(string configFile, IReadOnlyDictionary<string, int> keyLines, string key) =>
        keyLines.TryGetValue(key, out var line) ? $"{configFile}:{line.ToString(CultureInfo.InvariantCulture)}: {key}" : $"{configFile}: {key} (its default)";

    private static string ServiceOf(StackState stack, StackNames names) =>
        stack.Outputs.GetValueOrDefault(StackOutputs.ServiceName)
        ?? (stack.Name.StartsWith(names.Environment + "-", StringComparison.Ordinal) ? stack.Name[(names.Environment.Length + 1)..] : stack.Name);
}

/// <summary>A service's file disagrees with the environment on settings all of its services share. Nothing was changed.</summary>
public sealed class EnvironmentSettingsConflictException(string environment, string configFile, string configuredBy, IReadOnlyList<SettingDisagreement> disagreements)
    : InfrastructureConfigurationException(
        $"{configFile} disagrees with environment '{environment}', whose settings come from {configuredBy}:" +
        string.Concat(disagreements.Select(d => $"{System.Environment.NewLine}  {d.Where} is {Shown(d.FileValue)}, the environment's is {Shown(d.EnvironmentValue)}")) +
        $"{System.Environment.NewLine}These settings belong to the environment, which every service shares; change them in {configuredBy} first, or make this file agree. Nothing was changed.")
{
    public string Environment { get; } = environment;

    public string ConfigFile { get; } = configFile;

    public string ConfiguredBy { get; } = configuredBy;

    public IReadOnlyList<SettingDisagreement> Disagreements { get; } = disagreements;

    private static string Shown(string value) => value.Length == 0 ? "not set" : $"\"{value}\"";
}

/// <summary>Two services of an environment would answer for the same requests. Nothing was changed.</summary>
public sealed class RouteClashException(string where, string environment, string service, HttpSettings route, string otherService)
    : InfrastructureConfigurationException(
        $"{where}: service '{service}' would answer for the same requests as service '{otherService}' in environment '{environment}' ({route.Describe()}); " +
        "give one of them its own [http] path or host. Nothing was changed.")
{
    public string OtherService { get; } = otherService;
}
