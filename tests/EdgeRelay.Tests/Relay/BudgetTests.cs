using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Tests.Support;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Tests.Relay;

/// <summary>
/// The edge reserves calls from a per-wallet budget (one ledger hold) and settles them in batches: the wallet must
/// still move by exactly the sum of the calls' prices, show the budget as held while it is open, and get every coin
/// of it back when it closes.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BudgetTests(EdgeStack edge) : IAsyncLifetime
{
    private const string Model = "deepseek-chat";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await edge.SimChannelAsync([Model], priority: 10);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ConcurrentCalls_OnOneWallet_ChargeExactlyTheSumOfTheirPrices_AndTheIdleBudgetGoesBack()
    {
        var (user, key) = await edge.FundedKeyAsync(coins: 1_000);
        var before = await edge.BalanceMicroCoinsAsync(user);
        using var client = edge.Client(key);

        var usages = await Task.WhenAll(Enumerable.Range(0, 80).Select(async i =>
        {
            using var response = await client.PostAsJsonAsync("/v1/chat/completions",
                new { model = Model, max_tokens = 20 + i % 7, messages = new[] { new { role = "user", content = $"call {i}" } } }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("usage");
            return (Prompt: usage.GetProperty("prompt_tokens").GetInt64(), Completion: usage.GetProperty("completion_tokens").GetInt64());
        }));
        var open = await edge.BalanceAsync(user);

        long expected = before;
        foreach (var usage in usages)
        {
            expected -= await edge.PriceAsync(Model, usage.Prompt, usage.Completion);
        }
        Assert.True(open.HeldMicroCoins > 0, "right after the calls the budget should still be open and show as held");
        Assert.Equal(expected, await edge.SettledBalanceAsync(user, expected));
        var closed = await WaitForNothingHeldAsync(user);
        Assert.Equal(0, closed.HeldMicroCoins);
        Assert.Equal(expected, closed.AvailableMicroCoins);
    }

    [Fact]
    public async Task AWalletThatCannotCoverTheWorstCase_Gets402_AndOneThatCanAfterARecharge_IsServed()
    {
        var user = await edge.NewUserAsync(coins: 0);
        var key = await edge.NewKeyAsync(user.User.UserId);
        using var client = edge.Client(key.Secret);
        var body = new { model = Model, max_tokens = 100, messages = new[] { new { role = "user", content = "hi" } } };

        using var refused = await client.PostAsJsonAsync("/v1/chat/completions", body, Ct);
        await edge.Ledger.UnaryAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
        {
            RequestId = $"topup-{user.User.UserId}", AccountId = user.User.UserId, AmountMicroCoins = 50_000_000,
            Source = CreditSource.Operator,
        });
        using var served = await client.PostAsJsonAsync("/v1/chat/completions", body, Ct);

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Contains("insufficient balance", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var balance = await WaitForNothingHeldAsync(user.User.UserId);
        Assert.InRange(balance.BalanceMicroCoins, 1, 50_000_000 - 1);
    }

    private async Task<BalanceReply> WaitForNothingHeldAsync(string user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        BalanceReply balance;
        while ((balance = await edge.BalanceAsync(user)).HeldMicroCoins != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }
        return balance;
    }
}
