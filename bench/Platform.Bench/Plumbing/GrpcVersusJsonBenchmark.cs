using System.Net;
using System.Net.Http.Json;
using Platform.Bench.Contracts;
using Platform.Bench.Reporting;
using Platform.Grpc.Client;

namespace Platform.Bench.Plumbing;

/// <summary>Our gRPC unary call next to an HTTP/1.1 JSON call doing the same echo, on the same Kestrel.</summary>
internal static class GrpcVersusJsonBenchmark
{
    public static async Task<IReadOnlyList<RunResult>> RunAsync(TimeSpan warmUp, TimeSpan duration)
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
        var caller = channel.CreateCaller(BenchReflection.Descriptor.Services[0]);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = server.JsonAddress,
            DefaultRequestVersion = HttpVersion.Version11,
        };
        var message = new EchoMessage { Account = "user-42", Amount = 1_250_000, RequestId = "req-0001" };
        var record = new EchoRecord("user-42", 1_250_000, "req-0001");

        var results = new List<RunResult>();
        foreach (var callers in new[] { 1, 16 })
        {
            // Interleaved so both arms see the same machine noise.
            results.Add(await LatencyRecorder.RunAsync("grpc (h2c, protobuf)", callers, warmUp, duration, async () =>
            {
                var reply = await caller.UnaryAsync<EchoMessage, EchoMessage>("Echo", message);
                if (reply.Amount != message.Amount)
                {
                    throw new InvalidOperationException("gRPC echo returned another message");
                }
            }));
            results.Add(await LatencyRecorder.RunAsync("http/1.1 json", callers, warmUp, duration, async () =>
            {
                using var response = await http.PostAsJsonAsync("/echo", record);
                var reply = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<EchoRecord>();
                if (reply?.Amount != record.Amount)
                {
                    throw new InvalidOperationException("JSON echo returned another record");
                }
            }));
        }
        return results;
    }
}
