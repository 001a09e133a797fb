using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Iam;

[JsonConverter(typeof(AwsConstantJsonConverter<PolicySourceType>))]
public sealed record PolicySourceType(string Value) : IAwsConstant<PolicySourceType>
{
    public static PolicySourceType User { get; } = new("user");
    public static PolicySourceType Group { get; } = new("group");
    public static PolicySourceType Role { get; } = new("role");
    public static PolicySourceType AwsManaged { get; } = new("aws-managed");
    public static PolicySourceType UserManaged { get; } = new("user-managed");
    public static PolicySourceType Resource { get; } = new("resource");
    public static PolicySourceType None { get; } = new("none");

    public static IReadOnlyList<PolicySourceType> KnownValues { get; } = [User, Group, Role, AwsManaged, UserManaged, Resource, None];

    public static PolicySourceType FromWire(string value) => new(value);

    public override string ToString() => Value;
}
