using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Identity.V1;
using Platform.Contracts.Ledger.V1;
using Platform.EdgeRelay.Tests.Support;
using Platform.Grpc.Client;

namespace Platform.EdgeRelay.Tests.Relay;

/// <summary>Limits under concurrency: the key's per-minute limit, the balance, and revocation reaching the edge's cache.</summary>
[Collection(EdgeCollection.Name)]
public sealed class LimitsTests(EdgeStack edge) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await edge.SimChannelAsync(["deepseek-chat", "claude-3-5-haiku", "gemini-2.0-flash"], priority: 10);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task KeyRpmLimit_AdmitsExactlyTheLimitOfThirtyConcurrentCalls_AndRefusesTheRestWithRetryAfter()
    {
        var user = await edge.NewUserAsync(coins: 100_000);
        var key = await edge.NewKeyAsync(user.User.UserId, request => request.RpmLimit = 10);
        using var client = edge.Client(key.Secret);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "deepseek-chat", max_tokens = 5, messages = new[] { new { role = "user", content = "hi" } } }, Ct)));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(20, refused.Count);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task KeyTpmLimit_CountsEachCallsTokenAllowance_AndRefusesACallThatCouldNeverFit()
    {
        var user = await edge.NewUserAsync(coins: 100_000);
        var key = await edge.NewKeyAsync(user.User.UserId, request => request.TpmLimit = 1_000);
        using var client = edge.Client(key.Secret);
        Task<HttpResponseMessage> Call(int maxTokens) => client.PostAsJsonAsync("/v1/chat/completions",
            new { model = "deepseek-chat", max_tokens = maxTokens, messages = new[] { new { role = "user", content = "hi" } } }, Ct);

        var first = await Call(400);
        var second = await Call(400);
        var third = await Call(400);
        var huge = await Call(5_000);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode, third.StatusCode));
        Assert.Contains("1000 tokens per minute", await third.Content.ReadAsStringAsync(Ct));
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, huge.StatusCode);
        Assert.Contains("tokens_exceed_limit", await huge.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TwoHundredParallelStreams_OnABalanceForFifty_AdmitAtMostFifty_AndNeverOverdraw()
    {
        var body = new { model = "claude-3-5-haiku", stream = true, max_tokens = 1000, messages = new[] { new { role = "user", content = "go" } } };
        // What one call holds, read from the 402 a wallet with nothing in it gets.
        var probe = await edge.FundedKeyAsync(coins: 0);
        using var probeClient = edge.Client(probe.Key);
        var refusal = await probeClient.PostAsJsonAsync("/v1/chat/completions", body, Ct);
        var message = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetProperty("message").GetString()!;
        var hold = (long)(decimal.Parse(message.Split("up to ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1_000_000m);

        var user = await edge.NewUserAsync();
        await edge.Ledger.UnaryAsync<CreditRequest, CreditReply>("Credit", new CreditRequest
        {
            RequestId = $"fifty-{user.User.UserId}", AccountId = user.User.UserId, AmountMicroCoins = 50 * hold + hold / 2, Source = CreditSource.Operator,
        });
        var key = await edge.NewKeyAsync(user.User.UserId);
        using var client = edge.Client(key.Secret);
        client.DefaultRequestHeaders.Add("x-sim", "ttft=1500ms; tokens=3");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await client.PostAsJsonAsync("/v1/chat/completions", body, Ct);
            await response.Content.ReadAsStringAsync(Ct);
            return response.StatusCode;
        }));

        Assert.Equal(HttpStatusCode.PaymentRequired, refusal.StatusCode);
        var admitted = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(admitted, 1, 50);
        Assert.Equal(200 - admitted, statuses.Count(s => s == HttpStatusCode.PaymentRequired));
        var balance = await edge.Ledger.UnaryAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = user.User.UserId });
        Assert.True(balance.BalanceMicroCoins >= 0 && balance.AvailableMicroCoins >= 0);
    }

    [Fact]
    public async Task ARevokedKey_StopsWorkingOnTheEdgeWithinOneSecond()
    {
        var user = await edge.NewUserAsync(coins: 100_000);
        var key = await edge.NewKeyAsync(user.User.UserId);
        using var client = edge.Client(key.Secret);
        var call = () => client.PostAsJsonAsync("/v1/chat/completions", new { model = "gemini-2.0-flash", max_tokens = 5, messages = new[] { new { role = "user", content = "hi" } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, (await call()).StatusCode); // now cached as accepted

        var revoked = System.Diagnostics.Stopwatch.StartNew();
        await edge.Keys.UnaryAsync<DeleteKeyRequest, DeleteKeyReply>("DeleteKey", new DeleteKeyRequest { UserId = user.User.UserId, KeyId = key.Key.KeyId });
        HttpStatusCode status;
        while ((status = (await call()).StatusCode) == HttpStatusCode.OK && revoked.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(1), $"the edge accepted the revoked key for {revoked.ElapsedMilliseconds} ms");
    }
}
