using Microsoft.Extensions.Options;
using Platform.EdgeRelay.Channels;
using Platform.EdgeRelay.Channels.Health;

namespace Platform.EdgeRelay.Tests.Channels;

public sealed class RetryBudgetTests
{
    private readonly RetryBudget _budget = new(Options.Create(new ChannelOptions()));

    [Fact]
    public void Budget_StartsWithTheCap()
    {
        Assert.Equal(10, Drain());
    }

    [Fact]
    public void HundredRequests_AllowTenRetries()
    {
        Drain();

        for (var request = 0; request < 100; request++)
        {
            _budget.Deposit();
        }

        Assert.Equal(10, Drain());
    }

    [Fact]
    public void Savings_AreCapped()
    {
        Drain();

        for (var request = 0; request < 1_000; request++)
        {
            _budget.Deposit();
        }

        Assert.Equal(10, Drain());
    }

    [Fact]
    public void RetriesAndRequests_Interleaved_StayNearATenth()
    {
        Drain();
        var retries = 0;

        for (var request = 0; request < 1_000; request++)
        {
            _budget.Deposit();
            retries += _budget.TryRetry() ? 1 : 0; // every request fails and wants a retry
        }

        Assert.Equal(100, retries);
    }

    private int Drain()
    {
        var retries = 0;
        while (_budget.TryRetry())
        {
            retries++;
        }
        return retries;
    }
}
