using System.Text.Json;
using Fargo.Aws.Ecs;

namespace Fargo.Deploy.Rendering;

/// <summary>
/// The JSON of a RegisterTaskDefinition request as ECS receives it: serialized through Fargo.Aws's ECS
/// wire contract, so what `fargo render taskdef` prints is what a deploy sends.
/// </summary>
public static class TaskDefinitionJson
{
    private static readonly JsonSerializerOptions Indented = new(EcsJsonContext.Default.Options) { WriteIndented = true, NewLine = "\n" };

    /// <summary>The request body; indented for people, or compact exactly as sent on the wire.</summary>
    public static string Serialize(RegisterTaskDefinitionRequest request, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        return indented
            ? JsonSerializer.Serialize(request, Indented.GetTypeInfo(typeof(RegisterTaskDefinitionRequest)))
            : JsonSerializer.Serialize(request, EcsJsonContext.Default.RegisterTaskDefinitionRequest);
    }
}
