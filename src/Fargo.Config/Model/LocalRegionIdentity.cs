namespace Fargo.Config.Model;

/// <summary>
/// The local region's fixed identity: the account and region the local environment's stacks are synthesized for and
/// its ARNs name. Fargo.Deploy and Fargo.Local take theirs from here.
/// </summary>
public static class LocalRegionIdentity
{
    public const string Account = "000000000000";

    public const string Region = "local";
}
