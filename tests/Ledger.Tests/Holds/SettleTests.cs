using System.Net;
using System.Text.Json;
using Dapper;
using Platform.Ledger.Accounts;
using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

public sealed class SettleTests(PlatformInfrastructure infrastructure)
{
    private const long Coin = Coins.MicroPerCoin;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // gpt-4o-2024-05-13: $5 per 1M input = 1.25 coins per token, x 1.1 for the OpenAI group = 1.375 coins.
    private static SettleCall Call(string requestId, long promptTokens) => new(requestId, new("gpt-4o-2024-05-13", PromptTokens: promptTokens));

    [Theory]
    [InlineData(100, 8, 11, 0)]    // cost 11 coins below a 20-coin hold
    [InlineData(100, 16, 22, 0)]   // cost 22 coins above the hold, covered by the available balance
    [InlineData(25, 40, 25, 30)]   // cost 55 coins above hold + available: 25 charged, 30 written off
    public async Task Settle_ChargesCostReleasesHoldAndWritesOffOnlyWhatTheWalletCannotCover(long funds, long promptTokens, long charged, long writtenOff)
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(funds);
        await ledger.Holds.HoldAsync("s1", wallet, 20 * Coin, null, Ct);

        var outcome = await ledger.Holds.SettleAsync(Call("s1", promptTokens), Ct);

        Assert.Equal(new SettleOutcome((charged + writtenOff) * Coin, charged * Coin, writtenOff * Coin, 1, new((funds - charged) * Coin, 0), false), outcome);
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(-charged * Coin, await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(amount), 0)::bigint FROM postings p JOIN journal_entries e ON e.id = p.entry_id WHERE p.account_id = @wallet AND e.kind = 'settle'", new { wallet }));
        Assert.Equal(-writtenOff * Coin, await connection.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(amount), 0)::bigint FROM postings WHERE account_id = @WriteOffs", new { PlatformAccounts.WriteOffs }));
        await LedgerInvariants.AssertAsync(ledger.Db);
    }

    [Fact]
    public async Task Settle_EqualToHoldLeavesNothingHeld()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(50);
        await ledger.Holds.HoldAsync("s1", wallet, 11 * Coin, null, Ct);

        var outcome = await ledger.Holds.SettleAsync(Call("s1", 8), Ct);

        Assert.Equal(11 * Coin, outcome.Charged);
        Assert.Equal(new(39 * Coin, 0), outcome.Wallet);
    }

    [Fact]
    public async Task Settle_ReplayChangesNothingAndReturnsFirstResult()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(50);
        await ledger.Holds.HoldAsync("s1", wallet, 20 * Coin, null, Ct);

        var first = await ledger.Holds.SettleAsync(Call("s1", 8), Ct);
        var replay = await ledger.Holds.SettleAsync(Call("s1", 8000), Ct);
        var voidAfter = await ledger.Holds.VoidAsync("s1", Ct);

        Assert.Equal(first with { Replayed = true }, replay);
        Assert.Equal(HoldStatus.Settled, voidAfter.Status);
        Assert.Equal(new(39 * Coin, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM usage_records WHERE request_id = 's1'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM journal_entries WHERE reference = 's1'"));
    }

    [Fact]
    public async Task Settle_WritesUsageRecordWithPriceSnapshot()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(50);
        await ledger.Holds.HoldAsync("s1", wallet, 20 * Coin, null, Ct);

        await ledger.Holds.SettleAsync(new SettleCall("s1", new("claude-3-5-sonnet", PromptTokens: 1000, CompletionTokens: 100, CachedTokens: 600, CacheWriteTokens: 200),
            KeyId: "key-1", ChannelId: "anthropic-1", UploadMs: 12, DurationMs: 3400, ClientIp: IPAddress.Parse("203.0.113.7")), Ct);

        await using var connection = await ledger.Db.OpenConnectionAsync(Ct);
        var record = await connection.QuerySingleAsync(
            "SELECT account_id, key_id, channel_id, model, prompt_tokens, cached_tokens, cache_write_tokens, cost, upload_ms, duration_ms, host(client_ip) AS ip, status, price_snapshot::text AS snapshot FROM usage_records WHERE request_id = 's1'");
        Assert.Equal(wallet, (Guid)record.account_id);
        Assert.Equal("key-1", (string)record.key_id);
        Assert.Equal("anthropic-1", (string)record.channel_id);
        Assert.Equal(600L, (long)record.cached_tokens);
        Assert.Equal(12, (int)record.upload_ms);
        Assert.Equal(3400, (int)record.duration_ms);
        Assert.Equal("203.0.113.7", (string)record.ip);
        Assert.Equal("ok", (string)record.status);
        // (200 x $3 + 600 x $0.30 + 200 x $3.75 + 100 x $15) per 1M = $0.00303 = 757.5 coins, x 1.1 = 833.25 coins.
        Assert.Equal(833_250_000L, (long)record.cost);
        using var snapshot = JsonDocument.Parse((string)record.snapshot);
        Assert.Equal(1.1m, snapshot.RootElement.GetProperty("multiplier").GetDecimal());
        Assert.Equal(1, snapshot.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(0.30m, snapshot.RootElement.GetProperty("perMillionTokens").GetProperty("cachedInput").GetDecimal());
    }

    [Fact]
    public async Task Settle_UnknownHoldIsNotFoundAndRefusedHoldCannotSettle()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallet = await ledger.NewWalletAsync(1);
        await ledger.Holds.HoldAsync("too-big", wallet, 5 * Coin, null, Ct);

        await Assert.ThrowsAsync<HoldNotFoundException>(() => ledger.Holds.SettleAsync(Call("missing", 1), Ct));
        await Assert.ThrowsAsync<HoldStateException>(() => ledger.Holds.SettleAsync(Call("too-big", 1), Ct));
        Assert.Equal(new(Coin, 0), await ledger.Accounts.GetBalanceAsync(wallet, Ct));
    }
}
