using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fargo.Local.Home;

/// <summary>
/// What a running engine writes into FARGO_HOME so that other processes can find it: its pid (with the
/// process start time, so a recycled pid is not mistaken for the engine) and the port it listens on.
/// </summary>
public sealed record EngineRecord(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("processStartTicks")] long? ProcessStartTicks,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt)
{
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public static EngineRecord? TryRead(FargoHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(home.EngineFile), HomeJsonContext.Default.EngineRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public void Write(FargoHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        FargoHome.WritePrivateFile(home.EngineFile, JsonSerializer.SerializeToUtf8Bytes(this, HomeJsonContext.Default.EngineRecord));
    }
}

[JsonSerializable(typeof(LocalCredentials))]
[JsonSerializable(typeof(EngineRecord))]
internal sealed partial class HomeJsonContext : JsonSerializerContext;
