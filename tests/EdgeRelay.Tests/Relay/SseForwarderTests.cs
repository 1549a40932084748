using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;
using Platform.EdgeRelay.Relay.Billing;
using Platform.EdgeRelay.Relay.Streaming;

namespace Platform.EdgeRelay.Tests.Relay;

public sealed class SseForwarderTests
{
    private const string Content = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    private const string Finish = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
    private const string UsageChunk = "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":778,\"completion_tokens\":10,\"total_tokens\":788,\"prompt_tokens_details\":{\"cached_tokens\":512,\"audio_tokens\":0}}}\n\n";
    private const string Done = "data: [DONE]\n\n";

    private static readonly StreamTimeouts Fast = new() { KeepAlive = TimeSpan.FromMilliseconds(100), Idle = TimeSpan.FromMilliseconds(450) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forward_PassesEventsThrough_ReadsUsage_AndShowsTheUsageChunkOnlyToClientsThatAskedForIt(bool clientWantsUsage)
    {
        var (output, outcome) = await RunAsync(async upstream =>
        {
            await upstream.WriteAsync(Content + Content);
            await upstream.WriteAsync(Finish + UsageChunk + Done);
        }, clientWantsUsage, TestContext.Current.CancellationToken);

        var expected = Content + Content + Finish + (clientWantsUsage ? UsageChunk : "") + Done;
        Assert.Equal(expected, output);
        Assert.Equal(new ReportedUsage(778, 10, 512, 0, 0), outcome.Usage);
        Assert.Equal((3L, StreamEnd.Completed), (outcome.ContentEvents, outcome.End));
    }

    [Fact]
    public async Task Forward_HandlesEventsSplitAcrossReads_AndCrLfLineEnds()
    {
        var crlf = Content.Replace("\n", "\r\n", StringComparison.Ordinal);
        var (output, outcome) = await RunAsync(async upstream =>
        {
            await upstream.WriteAsync(crlf[..10]);
            await Task.Delay(20);
            await upstream.WriteAsync(crlf[10..] + UsageChunk[..30]);
            await Task.Delay(20);
            await upstream.WriteAsync(UsageChunk[30..] + Done);
        }, clientWantsUsage: false, TestContext.Current.CancellationToken);

        Assert.Equal(crlf + Done, output);
        Assert.Equal(778, outcome.Usage!.Value.PromptTokens);
    }

    [Fact]
    public async Task Forward_SendsKeepAliveCommentsWhileTheUpstreamIsSilent_ThenGivesUpAfterTheIdleTimeout()
    {
        var (output, outcome) = await RunAsync(async upstream =>
        {
            await upstream.WriteAsync(Content);
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }, clientWantsUsage: false, TestContext.Current.CancellationToken);

        Assert.StartsWith(Content + ": keep-alive\n\n: keep-alive\n\n", output);
        Assert.Equal((null, StreamEnd.UpstreamFailed), (outcome.Usage, outcome.End));
    }

    [Fact]
    public async Task Forward_StopsAtOnceWhenTheClientLeaves()
    {
        using var clientGone = new CancellationTokenSource();
        var (_, outcome) = await RunAsync(async upstream =>
        {
            await upstream.WriteAsync(Content + Content);
            await Task.Delay(50);
            await clientGone.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }, clientWantsUsage: false, clientGone.Token);

        Assert.Equal((2L, StreamEnd.ClientGone), (outcome.ContentEvents, outcome.End));
    }

    private static async Task<(string Output, StreamOutcome Outcome)> RunAsync(Func<UpstreamWriter, Task> upstream, bool clientWantsUsage,
        CancellationToken clientGone = default)
    {
        var pipe = new Pipe();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        var producing = Task.Run(async () =>
        {
            try
            {
                await upstream(new UpstreamWriter(pipe.Writer));
            }
            catch (OperationCanceledException)
            {
            }
            await pipe.Writer.CompleteAsync();
        });
        var outcome = await SseForwarder.ForwardAsync(pipe.Reader.AsStream(), context.Response, clientWantsUsage, Fast, clientGone);
        await context.Response.BodyWriter.FlushAsync();
        await pipe.Reader.CompleteAsync();
        return (Encoding.UTF8.GetString(body.ToArray()), outcome);
    }

    private sealed class UpstreamWriter(PipeWriter writer)
    {
        public async Task WriteAsync(string text)
        {
            await writer.WriteAsync(Encoding.UTF8.GetBytes(text));
            await writer.FlushAsync();
        }
    }
}
