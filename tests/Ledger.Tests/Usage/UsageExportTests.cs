using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Platform.Ledger.Tests.Support;
using Platform.Ledger.Usage;
using Platform.Testing;

namespace Platform.Ledger.Tests.Usage;

public sealed class UsageExportTests(PlatformInfrastructure infrastructure)
{
    private static readonly DateTimeOffset At = new(2025, 5, 6, 7, 8, 9, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csv_QuotesFieldsPerRfc4180()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        await UsageSeed.InsertAsync(ledger.Db, user, At, "plain", keyId: null, completionTokens: 50, cost: 1_500, durationMs: 2_000);
        await UsageSeed.InsertAsync(ledger.Db, user, At.AddSeconds(1), "odd", model: "say \"hi\", twice", status: "line\r\nbreak");

        var lines = (await ExportAsync(ledger, user, ExportFormat.Csv)).Split("\r\n");

        Assert.Equal(
            "created_at,request_id,key_id,model,prompt_tokens,completion_tokens,cached_tokens,cache_write_tokens,audio_input_tokens,"
            + "audio_output_tokens,calls,cost_coins,charged_coins,upload_ms,duration_s,tokens_per_second,client_ip,status,price_version,price_snapshot",
            lines[0]);
        Assert.StartsWith("2025-05-06T07:08:10.0000000Z,odd,key-1,\"say \"\"hi\"\", twice\",100,50,10,5,0,0,0,0.001,0.001,80,1,50,203.0.113.7,\"line", lines[1]);
        Assert.StartsWith("break\",1,\"{\"\"group\"\": \"\"openai\"\",", lines[2]);
        Assert.StartsWith("2025-05-06T07:08:09.0000000Z,plain,,gpt-4o,100,50,10,5,0,0,0,0.0015,0.0015,80,2,25,203.0.113.7,ok,1,\"{", lines[3]);
        Assert.Equal([""], lines[4..]);
    }

    [Fact]
    public async Task Json_IsOneArrayOfObjectsWithTheSnapshotEmbedded()
    {
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        await UsageSeed.InsertAsync(ledger.Db, user, At, "first", completionTokens: 30, durationMs: 1_500);
        await UsageSeed.InsertAsync(ledger.Db, user, At.AddSeconds(1), "second", model: "say \"hi\"", durationMs: null);

        using var document = JsonDocument.Parse(await ExportAsync(ledger, user, ExportFormat.Json));

        var rows = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["second", "first"], rows.Select(row => row.GetProperty("request_id").GetString()));
        Assert.Equal("say \"hi\"", rows[0].GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("tokens_per_second").ValueKind);
        Assert.Equal(20, rows[1].GetProperty("tokens_per_second").GetDouble());
        Assert.Equal(1.5m, rows[1].GetProperty("duration_s").GetDecimal());
        Assert.Equal(0.001m, rows[1].GetProperty("cost_coins").GetDecimal());
        Assert.Equal("openai", rows[1].GetProperty("price_snapshot").GetProperty("group").GetString());
    }

    private static async Task<string> ExportAsync(LedgerHost ledger, Guid user, ExportFormat format)
    {
        var output = new MemoryStream();
        var pipe = PipeWriter.Create(output);
        var rows = ledger.Get<UsageQueryStore>().ReadAllAsync(new UsageQuery(user, At.AddDays(-1), At.AddDays(1)), Ct);
        await UsageExportWriter.WriteAsync(rows, format, pipe, Ct);
        await pipe.CompleteAsync();
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
