namespace Fargo.Aws;

/// <summary>AWS settings that cannot be used as written: a malformed endpoint URL, a missing services section, a bad region.</summary>
public sealed class AwsConfigurationException(string message) : AwsException(message);
