using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Fargo.Config.Schema;

/// <summary>
/// CIDR blocks as a security group rule takes them: an IPv4 (CidrIp) or IPv6 (CidrIpv6) network address and a prefix
/// length, with no host bits set, so that what the rule admits is what the user reads.
/// </summary>
internal static class CidrBlocks
{
    public static ValueProblem? Check(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return IPAddress.TryParse(value, out var single)
                ? new ValueProblem($"\"{value}\" is an address, not a CIDR block", $"did you mean \"{value}/{MaxPrefix(single)}\" (this address only)?")
                : Malformed(value);
        }

        if (value.Contains('%', StringComparison.Ordinal)
            || !IPAddress.TryParse(value[..slash], out var address)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || (address.AddressFamily == AddressFamily.InterNetwork && value[..slash].Count(c => c == '.') != 3)
            || !int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > MaxPrefix(address))
        {
            return Malformed(value);
        }

        var network = Network(address, prefix);
        return network.Equals(address)
            ? null
            : new ValueProblem($"\"{value}\" has host bits set past its /{prefix} prefix", $"did you mean \"{network}/{prefix}\"?");
    }

    private static int MaxPrefix(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static IPAddress Network(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static ValueProblem Malformed(string value) =>
        new($"\"{value}\" is not a CIDR block such as \"203.0.113.0/24\" (IPv4) or \"2001:db8::/32\" (IPv6)");
}
