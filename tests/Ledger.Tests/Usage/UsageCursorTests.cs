using Platform.Ledger.Usage;

namespace Platform.Ledger.Tests.Usage;

public sealed class UsageCursorTests
{
    [Fact]
    public void Cursor_RoundTripsToTheMicrosecond()
    {
        var cursor = new UsageCursor(new DateTimeOffset(2025, 3, 1, 15, 30, 0, TimeSpan.Zero).AddTicks(1_234_560), "req-é,\"1\"");

        Assert.True(UsageCursor.TryParse(cursor.ToToken(), out var parsed));
        Assert.Equal(cursor, parsed);
        Assert.DoesNotContain('+', cursor.ToToken());
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("AQAAAAAAAAAA")]                  // the header alone, no request id
    [InlineData("AgAAAAAAAAAAcmVx")]              // version 2
    [InlineData("AX__________cmVx")]              // a time past year 9999
    [InlineData("AQAAAAAAAAAA_w")]                // a request id that is not UTF-8
    public void Cursor_RefusesTokensItDidNotIssue(string token)
    {
        Assert.False(UsageCursor.TryParse(token, out _));
    }
}
