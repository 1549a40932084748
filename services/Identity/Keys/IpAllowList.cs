using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Platform.Identity.Keys;

/// <summary>A key's IP allow-list: IPv4 and IPv6 CIDRs, stored in canonical form ("203.0.113.0/24", "2001:db8::/32").</summary>
internal static class IpAllowList
{
    public const int MaxEntries = 100;

    /// <summary>Whether <paramref name="client"/> may use a key with <paramref name="cidrs"/>; an empty list allows any address, even an unknown one.</summary>
    public static bool Allows(IReadOnlyCollection<string> cidrs, IPAddress? client)
    {
        if (cidrs.Count == 0)
        {
            return true;
        }
        if (client is null)
        {
            return false;
        }
        // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d; they are matched against the IPv4 entries.
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return cidrs.Any(cidr => IPNetwork.Parse(cidr).Contains(address));
    }

    /// <summary>The canonical CIDR of an entry (a bare address becomes /32 or /128), or what is wrong with it.</summary>
    public static bool TryNormalize(string entry, [NotNullWhen(true)] out string? cidr, [NotNullWhen(false)] out string? problem)
    {
        cidr = null;
        var slash = entry.IndexOf('/');
        var addressText = slash < 0 ? entry : entry[..slash];
        // IPAddress.TryParse also takes inet_aton shorthands ("10.1" is 10.0.0.1) and zone ids; neither belongs in a list.
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%')
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            problem = $"'{entry}' is not an IPv4 or IPv6 address or CIDR; write e.g. 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32";
            return false;
        }
        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            problem = $"'{entry}' has a prefix length that is not 0 to {maxPrefix}";
            return false;
        }
        var network = new IPNetwork(FirstAddress(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            problem = $"'{entry}' has bits set after the /{prefix} prefix; write the network address, {network}";
            return false;
        }
        cidr = network.ToString();
        problem = null;
        return true;
    }

    private static IPAddress FirstAddress(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPAddress(bytes);
    }
}
