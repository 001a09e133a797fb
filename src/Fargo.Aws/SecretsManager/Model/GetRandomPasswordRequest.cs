using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record GetRandomPasswordRequest
{
    public long? PasswordLength { get; init; }

    public string? ExcludeCharacters { get; init; }

    public bool? ExcludeNumbers { get; init; }

    public bool? ExcludePunctuation { get; init; }

    public bool? ExcludeUppercase { get; init; }

    public bool? ExcludeLowercase { get; init; }

    public bool? IncludeSpace { get; init; }

    public bool? RequireEachIncludedType { get; init; }
}
