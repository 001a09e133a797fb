using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// [iam]: puts every IAM role of a stack under the configured path, with the configured permissions boundary. An aspect
/// rather than a property of each role Fargo writes, so that the roles the CDK adds on its own (custom resource
/// providers, log retention, RDS monitoring) carry them too: an account whose guard rails require them refuses any role
/// without. Roles the CDK's custom resource providers declare as plain CfnResources are reached by their type.
/// </summary>
internal sealed class RoleGuardRails : DeputyBase, IAspect
{
    private const string RoleType = "AWS::IAM::Role";

    private readonly IamSettings _iam;

    private RoleGuardRails(IamSettings iam)
    {
        _iam = iam;
    }

    /// <summary>Applies [iam] to every role in the stack, when it sets anything.</summary>
    public static void Apply(Stack stack, IamSettings iam)
    {
        if (iam != IamSettings.Default)
        {
            Aspects.Of(stack).Add(new RoleGuardRails(iam));
        }
    }

    public void Visit(IConstruct node)
    {
        if (node is not CfnResource { CfnResourceType: RoleType } role)
        {
            return;
        }

        if (_iam.Path != IamSettings.Default.Path)
        {
            role.AddPropertyOverride("Path", _iam.Path);
        }

        if (_iam.PermissionsBoundary is { } boundary)
        {
            role.AddPropertyOverride("PermissionsBoundary", boundary);
        }
    }
}
