using Platform.Grpc.Protocol;

namespace Platform.Grpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 3_600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3_000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999m", 99_999_999)]
    public void TryParse_ReadsEachUnit(string header, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void TryParse_RejectsWhatTheGrammarDoesNotAllow(string header) =>
        Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(250, "250000u")]
    [InlineData(150_000, "150000m")]
    [InlineData(200_000_000, "200000S")]
    public void Format_UsesTheFinestUnitThatFitsEightDigits(double milliseconds, string header) =>
        Assert.Equal(header, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Format_NeverSendsZero() => Assert.Equal("1u", GrpcTimeout.Format(TimeSpan.Zero));

    [Fact]
    public void Format_ThenParse_NeverShortensTheTimeout()
    {
        var timeout = TimeSpan.FromTicks(1_234_567_891);

        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed));
        Assert.InRange(parsed, timeout, timeout + TimeSpan.FromMilliseconds(1));
    }
}
