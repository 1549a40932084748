using Platform.Ledger.Accounts;
using Platform.Ledger.Holds;
using Platform.Ledger.Tests.Support;
using Platform.Testing;
using Platform.Pricing;

namespace Platform.Ledger.Tests.Holds;

/// <summary>
/// Random holds, settles, voids, credits and concurrent replays against a plain in-memory model of the ledger; every
/// answer is compared with the model and every invariant is checked after every step. A failure prints its seed:
/// set LEDGER_TEST_SEED to replay it.
/// </summary>
public sealed class RandomizedLedgerTests(PlatformInfrastructure infrastructure)
{
    private const int Steps = 2000;
    private const long Coin = Coins.MicroPerCoin;

    [Fact]
    public async Task RandomOperations_MatchReferenceModelAndKeepInvariants()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LEDGER_TEST_SEED"), out var given) ? given : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed} (LEDGER_TEST_SEED={seed} replays it)");
        var random = new Random(seed);
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var wallets = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var model = new ReferenceLedger();
        var requests = new List<string>();

        for (var step = 0; step < Steps; step++)
        {
            var context = $"seed {seed}, step {step}";
            var wallet = wallets[random.Next(wallets.Length)];
            switch (random.Next(10))
            {
                case 0 or 1:
                {
                    var amount = random.NextInt64(1, 50) * Coin;
                    var outcome = await ledger.Accounts.CreditAsync($"credit-{step}", wallet, amount, CreditSourceKind.Operator, ct);
                    model.Credit(wallet, amount);
                    Assert.True(model.Wallet(wallet) == outcome.Wallet, context);
                    break;
                }
                case 2 or 3 or 4:
                {
                    var requestId = $"hold-{step}";
                    var amount = random.NextInt64(0, 30) * Coin + random.NextInt64(0, 1000);
                    var outcome = await ledger.Holds.HoldAsync(requestId, wallet, amount, null, ct);
                    Assert.True(model.Hold(requestId, wallet, amount) == outcome.Status, context);
                    requests.Add(requestId);
                    break;
                }
                case 5 or 6 when requests.Count > 0:
                {
                    var requestId = requests[random.Next(requests.Count)];
                    var tokens = random.NextInt64(0, 40);
                    var expected = model.Settle(requestId, 1_375_000 * tokens);
                    if (expected is null)
                    {
                        await Assert.ThrowsAsync<HoldStateException>(() => ledger.Holds.SettleAsync(Call(requestId, tokens), ct));
                    }
                    else
                    {
                        // Concurrent replays of the same settle: exactly one does the work.
                        var outcomes = await Task.WhenAll(Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
                            Task.Run(() => ledger.Holds.SettleAsync(Call(requestId, tokens), ct), ct)));
                        Assert.True(outcomes.Count(o => !o.Replayed) == (expected.Value.Replayed ? 0 : 1), context);
                        Assert.All(outcomes, o => Assert.True((o.Charged, o.WrittenOff) == (expected.Value.Charged, expected.Value.WrittenOff), context));
                    }
                    break;
                }
                case 7 when requests.Count > 0:
                {
                    var requestId = requests[random.Next(requests.Count)];
                    var outcomes = await Task.WhenAll(Enumerable.Range(0, random.Next(1, 3)).Select(_ =>
                        Task.Run(() => ledger.Holds.VoidAsync(requestId, ct), ct)));
                    var expected = model.Void(requestId);
                    Assert.All(outcomes, o => Assert.True(o.Status == expected, context));
                    break;
                }
                case 8 when requests.Count > 0:
                {
                    // A replayed hold must answer as the first time, whatever happened since.
                    var requestId = requests[random.Next(requests.Count)];
                    var (account, amount, firstStatus) = model.FirstHold(requestId);
                    var replay = await ledger.Holds.HoldAsync(requestId, account, amount, null, ct);
                    Assert.True(replay.Replayed && replay.Status == firstStatus, $"{context}: replay of {requestId} answered {replay.Status}, first was {firstStatus}");
                    break;
                }
                default:
                    break;
            }

            foreach (var each in wallets)
            {
                Assert.True(model.Wallet(each) == await ledger.Accounts.GetBalanceAsync(each, ct), $"{context}: wallet {each}");
            }
            await LedgerInvariants.AssertAsync(ledger.Db);
        }
    }

    private static SettleCall Call(string requestId, long tokens) => new(requestId, new("gpt-4o-2024-05-13", PromptTokens: tokens));

    /// <summary>The ledger's rules written as plainly as possible.</summary>
    private sealed class ReferenceLedger
    {
        private readonly Dictionary<Guid, (long Balance, long Held)> _wallets = [];
        private readonly Dictionary<string, ModelHold> _holds = [];

        public WalletBalance Wallet(Guid id) => _wallets.TryGetValue(id, out var w) ? new(w.Balance, w.Held) : default;

        public void Credit(Guid id, long amount)
        {
            var w = _wallets.GetValueOrDefault(id);
            _wallets[id] = (w.Balance + amount, w.Held);
        }

        public HoldStatus Hold(string requestId, Guid id, long amount)
        {
            var w = _wallets.GetValueOrDefault(id);
            var held = _wallets.ContainsKey(id) && w.Balance - w.Held >= amount;
            if (held)
            {
                _wallets[id] = (w.Balance, w.Held + amount);
            }
            var status = held ? HoldStatus.Active : HoldStatus.Refused;
            _holds[requestId] = new ModelHold(id, amount, status, status, null);
            return status;
        }

        public (Guid Account, long Amount, HoldStatus FirstStatus) FirstHold(string requestId)
        {
            var h = _holds[requestId];
            return (h.Account, h.Amount, h.FirstStatus);
        }

        /// <summary>Null when settling is refused (voided or refused hold).</summary>
        public (long Charged, long WrittenOff, bool Replayed)? Settle(string requestId, long cost)
        {
            var h = _holds[requestId];
            if (h.Status == HoldStatus.Settled)
            {
                return (h.Settled!.Value.Charged, h.Settled.Value.WrittenOff, true);
            }
            if (h.Status != HoldStatus.Active)
            {
                return null;
            }
            var w = _wallets[h.Account];
            var held = w.Held - h.Amount;
            var charged = Math.Min(cost, w.Balance - held);
            _wallets[h.Account] = (w.Balance - charged, held);
            _holds[requestId] = h with { Status = HoldStatus.Settled, Settled = (charged, cost - charged) };
            return (charged, cost - charged, false);
        }

        public HoldStatus Void(string requestId)
        {
            var h = _holds[requestId];
            if (h.Status == HoldStatus.Active)
            {
                var w = _wallets[h.Account];
                _wallets[h.Account] = (w.Balance, w.Held - h.Amount);
                _holds[requestId] = h with { Status = HoldStatus.Voided };
                return HoldStatus.Voided;
            }
            return h.Status;
        }

        private sealed record ModelHold(Guid Account, long Amount, HoldStatus FirstStatus, HoldStatus Status, (long Charged, long WrittenOff)? Settled);
    }
}
