namespace Fargo.Aws;

/// <summary>
/// The shared AWS config file (~/.aws/config, or AWS_CONFIG_FILE) and credentials file (~/.aws/credentials, or
/// AWS_SHARED_CREDENTIALS_FILE), read the way AWS CLI v2 reads them: <c>[default]</c> and <c>[profile NAME]</c>
/// sections in the config file, <c>[NAME]</c> sections in the credentials file (whose values win), plus
/// <c>[sso-session NAME]</c> and <c>[services NAME]</c> sections whose indented lines are sub-settings.
/// </summary>
public sealed class AwsSharedConfig
{
    private readonly Dictionary<string, IniSection> _configSections;
    private readonly Dictionary<string, IniSection> _credentialSections;

    private AwsSharedConfig(string configFilePath, string credentialsFilePath, Dictionary<string, IniSection> config, Dictionary<string, IniSection> credentials)
    {
        ConfigFilePath = configFilePath;
        CredentialsFilePath = credentialsFilePath;
        _configSections = config;
        _credentialSections = credentials;
    }

    public string ConfigFilePath { get; }

    public string CredentialsFilePath { get; }

    /// <summary>An empty configuration (no files).</summary>
    public static AwsSharedConfig Empty { get; } = new("", "", [], []);

    /// <summary>Reads both files as the environment locates them; a missing file counts as empty.</summary>
    public static AwsSharedConfig Load(IAwsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var awsFolder = Path.Combine(environment.HomeDirectory, ".aws");
        var configPath = environment.GetVariable("AWS_CONFIG_FILE") ?? Path.Combine(awsFolder, "config");
        var credentialsPath = environment.GetVariable("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(awsFolder, "credentials");
        return Parse(configPath, environment.ReadFile(configPath) ?? "", credentialsPath, environment.ReadFile(credentialsPath) ?? "");
    }

    /// <summary>Builds the configuration from file contents (paths are kept for messages and for the SDK).</summary>
    public static AwsSharedConfig Parse(string configFilePath, string configText, string credentialsFilePath, string credentialsText) =>
        new(configFilePath, credentialsFilePath, ParseIni(configText), ParseIni(credentialsText));

    /// <summary>
    /// The profile in effect: the one asked for (a <c>--profile</c> option), else AWS_PROFILE, else "default".
    /// </summary>
    public static string SelectProfileName(IAwsEnvironment environment, string? explicitProfile)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrWhiteSpace(explicitProfile) ? environment.GetVariable("AWS_PROFILE") ?? "default" : explicitProfile;
    }

    /// <summary>Every profile named in either file.</summary>
    public IReadOnlyList<string> ProfileNames =>
        _configSections.Keys.Select(ConfigProfileName).OfType<string>()
            .Concat(_credentialSections.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public bool HasProfile(string name) => GetProfile(name) is not null;

    /// <summary>A profile's settings, the credentials file's values overriding the config file's; null when neither file has it.</summary>
    public IReadOnlyDictionary<string, string>? GetProfile(string name)
    {
        var fromConfig = name == "default"
            ? Find(_configSections, "default") ?? Find(_configSections, "profile default")
            : Find(_configSections, "profile " + name);
        var fromCredentials = Find(_credentialSections, name);
        if (fromConfig is null && fromCredentials is null)
        {
            return null;
        }
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { fromConfig, fromCredentials })
        {
            foreach (var (key, value) in section?.Values ?? [])
            {
                merged[key] = value;
            }
        }
        return merged;
    }

    /// <summary>A <c>[sso-session NAME]</c> section's settings, or null.</summary>
    public IReadOnlyDictionary<string, string>? GetSsoSession(string name) => Find(_configSections, "sso-session " + name)?.Values;

    /// <summary>
    /// One service's sub-settings in a <c>[services NAME]</c> section, e.g. <c>endpoint_url</c> under <c>ecs =</c>;
    /// null when the section or the service is absent.
    /// </summary>
    public IReadOnlyDictionary<string, string>? GetServiceSettings(string servicesSection, string serviceKey) =>
        Find(_configSections, "services " + servicesSection) is { } section && section.SubSections.TryGetValue(serviceKey, out var settings)
            ? settings
            : null;

    /// <summary>Whether a <c>[services NAME]</c> section exists.</summary>
    public bool HasServicesSection(string name) => Find(_configSections, "services " + name) is not null;

    private static IniSection? Find(Dictionary<string, IniSection> sections, string name) =>
        sections.TryGetValue(name, out var section) ? section : null;

    private static string? ConfigProfileName(string sectionName) =>
        sectionName == "default" ? "default"
        : sectionName.StartsWith("profile ", StringComparison.Ordinal) ? sectionName["profile ".Length..].Trim()
        : null;

    private sealed class IniSection
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Dictionary<string, string>> SubSections { get; } = new(StringComparer.Ordinal);
    }

    private static Dictionary<string, IniSection> ParseIni(string text)
    {
        var sections = new Dictionary<string, IniSection>(StringComparer.Ordinal);
        IniSection? current = null;
        string? lastKey = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }
            if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                var name = string.Join(' ', trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new IniSection();
                lastKey = null;
                continue;
            }
            if (current is null)
            {
                continue;
            }
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }
            var key = trimmed[..equals].Trim();
            var value = trimmed[(equals + 1)..].Trim();
            var indented = line.Length > 0 && char.IsWhiteSpace(line[0]);
            if (indented && lastKey is not null && current.SubSections.TryGetValue(lastKey, out var sub))
            {
                sub[key] = value;
                continue;
            }
            current.Values[key] = value;
            lastKey = key;
            if (value.Length == 0)
            {
                current.SubSections[key] = new Dictionary<string, string>(StringComparer.Ordinal);
            }
        }
        return sections;
    }
}
