using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Fargo.Cli.Rendering;

/// <summary>
/// `--output json`: one JSON document per run. Results go to stdout; a failure goes to stderr as
/// {"error": {...}}. Member names are camelCase, absent values are left out, and members appear in a fixed
/// order, so scripts may rely on the shape.
/// </summary>
internal static class CliJson
{
    // Every command's JSON looks the same whatever context serialized it: indented, "\n" line ends, and
    // characters such as '+', '&' and '`' left as they are (the output is read by programs, never embedded in HTML).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter writer, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var document = JsonSerializer.SerializeToDocument(value, typeInfo);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            document.WriteTo(json);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
        writer.Flush();
    }
}

internal sealed record ErrorEnvelope(ErrorJson Error);

internal sealed record ErrorJson(
    string Kind,
    int ExitCode,
    string Message,
    string? Hint,
    IReadOnlyList<ProblemJson>? Problems,
    string? Details);

internal sealed record ProblemJson(string File, int Line, int Column, string? Key, string Message, string? Hint);

internal sealed record ValidationJson(string File, bool Valid, string? Format, IReadOnlyList<EnvironmentCheckJson> Environments, IReadOnlyList<ProblemJson> Problems);

internal sealed record EnvironmentCheckJson(string Name, bool Local, string? Account, string? Region, bool RequiresApproval);

internal sealed record InitJson(string File, string Name, int Port, string? Project, string? Dockerfile, bool Overwritten);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(ValidationJson))]
[JsonSerializable(typeof(InitJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
