using System.Net;
using Platform.Identity.Keys;

namespace Platform.Identity.Tests.Keys;

public sealed class IpAllowListTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1/128")]
    [InlineData("::/0", "::/0")]
    public void TryNormalize_GivesTheCanonicalCidr(string entry, string expected)
    {
        Assert.True(IpAllowList.TryNormalize(entry, out var cidr, out var problem), problem);
        Assert.Equal(expected, cidr);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "write the network address, 10.0.0.0/8")]
    [InlineData("2001:db8::1/32", "write the network address, 2001:db8::/32")]
    [InlineData("10.0.0.0/33", "prefix length that is not 0 to 32")]
    [InlineData("2001:db8::/129", "prefix length that is not 0 to 128")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/-1", "prefix length")]
    [InlineData("300.1.1.1", "not an IPv4 or IPv6 address or CIDR")]
    [InlineData("10.1", "not an IPv4 or IPv6 address or CIDR")]
    [InlineData("fe80::1%eth0", "not an IPv4 or IPv6 address or CIDR")]
    [InlineData("example.com", "not an IPv4 or IPv6 address or CIDR")]
    [InlineData("", "not an IPv4 or IPv6 address or CIDR")]
    public void TryNormalize_SaysWhatIsWrong(string entry, string expected)
    {
        Assert.False(IpAllowList.TryNormalize(entry, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("203.0.113.9", true)]
    [InlineData("::ffff:203.0.113.9", true)]
    [InlineData("203.0.114.1", false)]
    [InlineData("2001:db8:1::5", true)]
    [InlineData("2001:db9::5", false)]
    [InlineData("192.0.2.7", true)]
    [InlineData("192.0.2.8", false)]
    public void Allows_MatchesIPv4AndIPv6Entries(string client, bool allowed) =>
        Assert.Equal(allowed, IpAllowList.Allows(["203.0.113.0/24", "2001:db8::/32", "192.0.2.7/32"], IPAddress.Parse(client)));

    [Fact]
    public void EmptyList_AllowsAnyone_AndAListRefusesAnUnknownClient()
    {
        Assert.True(IpAllowList.Allows([], null));
        Assert.False(IpAllowList.Allows(["0.0.0.0/0"], null));
    }
}
