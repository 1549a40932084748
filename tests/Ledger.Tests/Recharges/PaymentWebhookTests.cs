using System.Net;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Ledger.Recharges;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Recharges;

/// <summary>The real service process: orders and memberships over gRPC, the sandbox webhook over HTTP.</summary>
public sealed class PaymentWebhookTests(PlatformInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret";
    private LedgerProcess _process = null!;
    private GrpcCaller _ledger = null!;
    private GrpcCaller _billing = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _process = await LedgerProcess.StartAsync(infrastructure, ("Ledger__Payments__Sandbox__Secret", Secret));
        _ledger = _process.Caller(LedgerReflection.Descriptor.Services[0]);
        _billing = _process.Caller(BillingReflection.Descriptor.Services[0]);
        _http = new HttpClient { BaseAddress = _process.HttpAddress };
    }

    [Fact]
    public async Task SignedWebhook_CreditsOnce_UnderConcurrentReplays_AndGrantsVip()
    {
        var user = Guid.NewGuid().ToString();
        var order = await Billing<CreateOrderRequest, OrderReply>("CreateOrder", new CreateOrderRequest { UserId = user, Amount = "40", Currency = "CNY" });
        var body = WebhookBody(order, "paid");

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(body, Signature(Secret, body))));

        Assert.All(replies, status => Assert.Equal(HttpStatusCode.OK, status));
        var paid = await Billing<GetOrderRequest, OrderReply>("GetOrder", new GetOrderRequest { OrderId = order.OrderId });
        var balance = await _ledger.CallAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = user });
        var membership = await Billing<GetMembershipRequest, MembershipReply>("GetMembership", new GetMembershipRequest { UserId = user });
        Assert.Equal((OrderStatus.Paid, 1_360_000 * Coins.MicroPerCoin, "40.00"), (paid.Status, paid.MicroCoins, paid.Amount));
        Assert.Contains(order.OrderId, order.CheckoutUrl);
        Assert.Equal(1_360_000 * Coins.MicroPerCoin, balance.BalanceMicroCoins);
        Assert.Equal(MembershipTier.Vip, membership.Tier);
        Assert.Equal(paid.PaidAt.ToDateTimeOffset().AddMonths(6), membership.ExpiresAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task BadSignature_Is401_AndCreditsNothing()
    {
        var user = Guid.NewGuid().ToString();
        var order = await Billing<CreateOrderRequest, OrderReply>("CreateOrder", new CreateOrderRequest { UserId = user, Amount = "20", Currency = "CNY" });
        var body = WebhookBody(order, "paid");
        var tampered = WebhookBody(order, "paid").Replace("20.00", "20.01");

        var wrongSecret = await PostAsync(body, Signature("not-the-secret", body));
        var otherBody = await PostAsync(tampered, Signature(Secret, body));
        var notHex = await PostAsync(body, "sha256=zz");
        var missing = await PostAsync(body, signature: null);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [wrongSecret, otherBody, notHex, missing]);
        var pending = await Billing<GetOrderRequest, OrderReply>("GetOrder", new GetOrderRequest { OrderId = order.OrderId });
        var balance = await _ledger.CallAsync<GetBalanceRequest, BalanceReply>("GetBalance", new GetBalanceRequest { AccountId = user });
        Assert.Equal((OrderStatus.Pending, 0L), (pending.Status, balance.BalanceMicroCoins));
    }

    [Fact]
    public async Task OperatorPremium_OverridesAndRevokes_AndBadRequestsSayWhatToFix()
    {
        var user = Guid.NewGuid().ToString();
        var until = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30));

        var granted = await Billing<GrantPremiumRequest, MembershipReply>("GrantPremium", new GrantPremiumRequest { UserId = user, ExpiresAt = until });
        var revoked = await Billing<RevokePremiumRequest, MembershipReply>("RevokePremium", new RevokePremiumRequest { UserId = user });
        var badAmount = await Assert.ThrowsAsync<RpcException>(() =>
            Billing<CreateOrderRequest, OrderReply>("CreateOrder", new CreateOrderRequest { UserId = user, Amount = "19.999", Currency = "CNY" }));
        var unknownOrder = await Assert.ThrowsAsync<RpcException>(() =>
            Billing<GetOrderRequest, OrderReply>("GetOrder", new GetOrderRequest { OrderId = Guid.NewGuid().ToString() }));

        Assert.Equal((MembershipTier.Premium, until), (granted.Tier, granted.ExpiresAt));
        Assert.Equal(MembershipTier.Free, revoked.Tier);
        Assert.Null(revoked.ExpiresAt);
        Assert.Equal(StatusCode.InvalidArgument, badAmount.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknownOrder.StatusCode);
    }

    private static string WebhookBody(OrderReply order, string status) =>
        $$"""{"order_id":"{{order.OrderId}}","reference":"{{order.ProviderReference}}","status":"{{status}}","amount":"{{order.Amount}}","currency":"{{order.Currency}}"}""";

    private static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(SandboxPaymentProvider.Sign(secret, Encoding.UTF8.GetBytes(body)));

    private async Task<HttpStatusCode> PostAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments/sandbox")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature", signature);
        }
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private Task<TReply> Billing<TRequest, TReply>(string method, TRequest request)
        where TRequest : class, IMessage<TRequest> where TReply : class, IMessage<TReply> => _billing.CallAsync<TRequest, TReply>(method, request);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}
