using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<Scope>))]
public sealed record Scope(string Value) : IAwsConstant<Scope>
{
    public static Scope Task { get; } = new("task");
    public static Scope Shared { get; } = new("shared");

    public static IReadOnlyList<Scope> KnownValues { get; } = [Task, Shared];

    public static Scope FromWire(string value) => new(value);

    public override string ToString() => Value;
}
