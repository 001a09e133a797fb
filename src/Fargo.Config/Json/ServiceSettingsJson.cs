using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fargo.Config.Model;

namespace Fargo.Config.Json;

/// <summary>
/// The effective configuration as JSON (`fargo render config`): camelCase members, durations as fargo.toml
/// writes them ("30s", "1h30m"), enums as fargo.toml spells them ("per-az", "arm64"), and characters such as
/// '+' and '&amp;' left readable.
/// </summary>
public static class ServiceSettingsJson
{
    private static readonly ConfigJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new DurationJsonConverter(), new NatModeJsonConverter(), new CpuArchitectureJsonConverter(), new ServiceKindJsonConverter() },
    });

    public static string Serialize(ServiceSettings settings) => JsonSerializer.Serialize(settings, Context.ServiceSettings);

    public static string Serialize(FlatServiceConfig settings) => JsonSerializer.Serialize(settings, Context.FlatServiceConfig);

    /// <summary>Diagnostics as a JSON array of {file, line, column, keyPath, message, hint}.</summary>
    public static string Serialize(IReadOnlyList<ConfigDiagnostic> diagnostics) => JsonSerializer.Serialize(diagnostics, Context.IReadOnlyListConfigDiagnostic);
}

[JsonSerializable(typeof(ServiceSettings))]
[JsonSerializable(typeof(FlatServiceConfig))]
[JsonSerializable(typeof(IReadOnlyList<ConfigDiagnostic>))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;

/// <summary>Durations as "30s", "5m", "1h30m".</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("expected a duration string");
        return Durations.TryParse(text, out var value, out var error) ? value : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Durations.Format(value));
    }
}

/// <summary>"per-az" or "single", as in fargo.toml.</summary>
public sealed class NatModeJsonConverter : JsonConverter<NatMode>
{
    public override NatMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() switch
    {
        "per-az" => NatMode.PerAz,
        "single" => NatMode.SingleGateway,
        var other => throw new JsonException($"\"{other}\" is not a NAT mode"),
    };

    public override void Write(Utf8JsonWriter writer, NatMode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value == NatMode.SingleGateway ? "single" : "per-az");
    }
}

/// <summary>"x86_64" or "arm64", as ECS names the architectures (lower-case).</summary>
public sealed class CpuArchitectureJsonConverter : JsonConverter<CpuArchitecture>
{
    public override CpuArchitecture Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() switch
    {
        "x86_64" => CpuArchitecture.X86_64,
        "arm64" => CpuArchitecture.Arm64,
        var other => throw new JsonException($"\"{other}\" is not a CPU architecture"),
    };

    public override void Write(Utf8JsonWriter writer, CpuArchitecture value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value == CpuArchitecture.Arm64 ? "arm64" : "x86_64");
    }
}

/// <summary>"web", "internal" or "worker", as in fargo.toml.</summary>
public sealed class ServiceKindJsonConverter : JsonConverter<ServiceKind>
{
    public override ServiceKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } text && ServiceKinds.All.Contains(text) ? ServiceKinds.Parse(text) : throw new JsonException("expected web, internal or worker");

    public override void Write(Utf8JsonWriter writer, ServiceKind value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ServiceKinds.Format(value));
    }
}
