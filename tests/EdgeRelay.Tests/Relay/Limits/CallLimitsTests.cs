using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Auth;
using Platform.EdgeRelay.Relay.Limits;
using Platform.Redis;
using Platform.Redis.RateLimiting;
using Platform.Testing;

namespace Platform.EdgeRelay.Tests.Relay.Limits;

/// <summary>Every limit's refusal against the real Redis, whichever of the optional key limits are set.</summary>
public sealed class CallLimitsTests(PlatformInfrastructure infrastructure) : IAsyncDisposable
{
    private readonly RedisClient _redis = new(RedisOptions.Parse(infrastructure.RedisConnectionString));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACallRefusedByTheKeysRpm_SpendsNoneOfItsTokens()
    {
        var limits = Limits(new LimitOptions { FreeRpm = 100 });
        var principal = Principal(tpm: 1_000, rpm: 1);

        var first = await limits.AdmitAsync(principal, "first", 400, Ct);
        var second = await RenderAsync(await limits.AdmitAsync(principal, "second", 400, Ct));
        // 600 more tokens fit only if the refused call spent none of its 400.
        var tokensLeft = await new RedisRateLimiter(_redis).AcquireAsync($"tpm:key:{principal.KeyId:N}", 1_000, TimeSpan.FromMinutes(1), 600, Ct);

        Assert.Null(first);
        Assert.Equal((429, "rate_limit_exceeded"), (second.Status, second.Code));
        Assert.Contains("this key's limit of 1 requests per minute", second.Message);
        Assert.True(tokensLeft.Allowed);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(1_000, null)]
    [InlineData(null, 10)]
    [InlineData(1_000, 10)]
    public async Task TheTierAndTheSlot_AreReportedAsThemselves_WhicheverKeyLimitsAreSet(int? tpm, int? rpm)
    {
        var tier = Limits(new LimitOptions { FreeRpm = 1 });
        var slots = Limits(new LimitOptions { ConcurrentCallsPerKey = 1 });
        var (byTier, bySlot) = (Principal(tpm, rpm), Principal(tpm, rpm));

        Assert.Null(await tier.AdmitAsync(byTier, "first", 10, Ct));
        var tierRefusal = await RenderAsync(await tier.AdmitAsync(byTier, "second", 10, Ct));
        Assert.Null(await slots.AdmitAsync(bySlot, "first", 10, Ct));
        var slotRefusal = await RenderAsync(await slots.AdmitAsync(bySlot, "second", 10, Ct));

        Assert.Equal((429, "rate_limit_exceeded"), (tierRefusal.Status, tierRefusal.Code));
        Assert.Contains("your free tier allows 1 requests per minute", tierRefusal.Message);
        Assert.InRange(tierRefusal.RetryAfter, 59, 60);
        Assert.Equal((429, "concurrency_limit_exceeded", 1), (slotRefusal.Status, slotRefusal.Code, slotRefusal.RetryAfter));
    }

    [Fact]
    public async Task TokenRefusals_SayWhetherTheCallMustWaitOrCanNeverFit()
    {
        var limits = Limits(new LimitOptions());
        var principal = Principal(tpm: 1_000, rpm: 10);

        Assert.Null(await limits.AdmitAsync(principal, "first", 600, Ct));
        var mustWait = await RenderAsync(await limits.AdmitAsync(principal, "second", 600, Ct));
        var neverFits = await RenderAsync(await limits.AdmitAsync(principal, "third", 1_001, Ct));

        Assert.Equal((429, "tokens_limit_exceeded"), (mustWait.Status, mustWait.Code));
        // 200 tokens short at 60 ms a token.
        Assert.InRange(mustWait.RetryAfter, 11, 12);
        Assert.Equal((429, "tokens_exceed_limit", null), (neverFits.Status, neverFits.Code, neverFits.RetryAfterHeader));
    }

    [Fact]
    public async Task WhenRedisIsDown_CallsAreLetThrough()
    {
        // Nothing listens on port 1.
        await using var down = new RedisClient(RedisOptions.Parse("127.0.0.1:1,password=x,connectTimeout=200"));
        var limits = new CallLimits(new RedisAdmission(down), new RedisConcurrencyLimiter(down), Options.Create(new LimitOptions()), NullLogger<CallLimits>.Instance);

        Assert.Null(await limits.AdmitAsync(Principal(tpm: 1_000, rpm: 1), "call", 10, Ct));
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private CallLimits Limits(LimitOptions options) =>
        new(new RedisAdmission(_redis), new RedisConcurrencyLimiter(_redis), Options.Create(options), NullLogger<CallLimits>.Instance);

    private static EdgePrincipal Principal(int? tpm = null, int? rpm = null)
    {
        var principal = new Principal { UserId = Guid.NewGuid().ToString(), KeyId = Guid.NewGuid().ToString(), Tier = UserTier.Free };
        if (tpm is { } tokens)
        {
            principal.TpmLimit = tokens;
        }
        if (rpm is { } requests)
        {
            principal.RpmLimit = requests;
        }
        return EdgePrincipal.From(principal);
    }

    private static async Task<Refusal> RenderAsync(IResult? result)
    {
        Assert.NotNull(result);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var error = (await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Ct)).RootElement.GetProperty("error");
        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        return new Refusal(context.Response.StatusCode, error.GetProperty("code").GetString(), error.GetProperty("message").GetString()!,
            retryAfter.Length == 0 ? null : retryAfter);
    }

    private sealed record Refusal(int Status, string? Code, string Message, string? RetryAfterHeader)
    {
        public int RetryAfter => int.Parse(RetryAfterHeader!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
