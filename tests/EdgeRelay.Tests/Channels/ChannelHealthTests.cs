using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Health;

namespace Platform.EdgeRelay.Tests.Channels;

public sealed class ChannelHealthTests
{
    private static readonly Guid ChannelId = Guid.NewGuid();
    private readonly ManualClock _clock = new();
    private readonly ChannelHealth _health;

    public ChannelHealthTests() => _health = new ChannelHealth(Options.Create(new ChannelOptions()), _clock);

    [Fact]
    public void Breaker_OpensAfterFiveFailures_HalfOpensAfterTheInterval_AndClosesOnSuccess()
    {
        Fail(4);
        Assert.Equal(BreakerState.Closed, _health.State(ChannelId));
        Assert.True(_health.TryAdmit(ChannelId));

        Fail(1);
        Assert.Equal(BreakerState.Open, _health.State(ChannelId));
        Assert.False(_health.TryAdmit(ChannelId));

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_health.TryAdmit(ChannelId));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BreakerState.HalfOpen, _health.State(ChannelId));
        Assert.True(_health.TryAdmit(ChannelId));   // the trial
        Assert.False(_health.TryAdmit(ChannelId));  // only one at a time

        _health.ReportSuccess(ChannelId);
        Assert.Equal(BreakerState.Closed, _health.State(ChannelId));
        Assert.Equal(0, _health.ConsecutiveFailures(ChannelId));
        Assert.True(_health.TryAdmit(ChannelId));
    }

    [Fact]
    public void Breaker_ReopensWhenTheTrialFails()
    {
        Fail(5);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryAdmit(ChannelId));

        Fail(1);

        Assert.Equal(BreakerState.Open, _health.State(ChannelId));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_health.TryAdmit(ChannelId));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_health.TryAdmit(ChannelId));
    }

    [Fact]
    public void Breaker_GivesUpOnATrialThatNeverReports()
    {
        Fail(5);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_health.TryAdmit(ChannelId));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.True(_health.TryAdmit(ChannelId));
    }

    [Fact]
    public void Success_ResetsTheFailuresInARow()
    {
        Fail(4);
        _health.ReportSuccess(ChannelId);
        Fail(4);

        Assert.Equal(BreakerState.Closed, _health.State(ChannelId));
        Assert.Equal(4, _health.ConsecutiveFailures(ChannelId));
    }

    [Fact]
    public async Task TenFailuresInARow_AskToDisableTheChannel_Once()
    {
        Fail(9);
        var next = _health.NextToDisableAsync(TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted);

        _health.ReportFailure(ChannelId, ChannelFailure.Unauthorized);

        Assert.Equal(new AutoDisableRequest(ChannelId, 10, ChannelFailure.Unauthorized), await next.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Fail(9);
        Assert.False(_health.NextToDisableAsync(TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public void Forget_StartsTheChannelAfresh()
    {
        Fail(5);

        _health.Forget(ChannelId);

        Assert.Equal(BreakerState.Closed, _health.State(ChannelId));
        Assert.Equal(0, _health.ConsecutiveFailures(ChannelId));
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _health.ReportFailure(ChannelId, ChannelFailure.ServerError);
        }
    }
}
