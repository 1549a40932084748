using Platform.Ledger.Memberships;

namespace Platform.Ledger.Tests.Memberships;

public sealed class MembershipTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Vip_LastsUntilItsExpiry_Exclusive()
    {
        var membership = Membership.None with { VipExpiresAt = Now };

        Assert.Equal(new MembershipStatus(MembershipTier.Vip, Now), membership.At(Now.AddTicks(-1)));
        Assert.Equal(new MembershipStatus(MembershipTier.Free, null), membership.At(Now));
        Assert.Equal(new MembershipStatus(MembershipTier.Free, null), Membership.None.At(Now));
    }

    [Fact]
    public void Premium_OverridesVipWhileGranted_ThenVipShowsAgain()
    {
        var vipUntil = Now.AddMonths(6);
        var premiumUntil = Now.AddMonths(1);
        var membership = new Membership(vipUntil, Now, premiumUntil);

        Assert.Equal(new MembershipStatus(MembershipTier.Premium, premiumUntil), membership.At(Now));
        Assert.Equal(new MembershipStatus(MembershipTier.Vip, vipUntil), membership.At(premiumUntil));
        Assert.Equal(new MembershipStatus(MembershipTier.Premium, null), new Membership(vipUntil, Now, null).At(vipUntil.AddYears(1)));
    }
}
