using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Tests.Support;
using Platform.Testing;

namespace Platform.Messaging.Tests.Outbox;

public sealed class OutboxTracingTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task Consumer_RunsInTheTraceOfTheRequestThatEnqueuedTheEvent()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "Platform.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var service = await MessagingTestHost.StartAsync(
            infrastructure,
            bus => bus.AddConsumer<TracedConsumer>().Endpoint(e => (e.Name, e.Temporary) = (MessagingTestHost.UniqueQueue("traced"), true)),
            configureServices: services => services.AddSingleton<TraceRecorder>());

        ActivityTraceId requestTrace;
        using (var request = new Activity("test request").Start())
        {
            requestTrace = request.TraceId;
            await service.EnqueueAsync([new TracedEvent(1)], perTransaction: 1);
        }

        var consumedTrace = await service.Host.Services.GetRequiredService<TraceRecorder>().Consumed.Task.WaitAsync(
            TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(requestTrace, consumedTrace);
    }

    public sealed record TracedEvent(int Number);

    public sealed class TracedConsumer(TraceRecorder recorder) : IConsumer<TracedEvent>
    {
        public Task Consume(ConsumeContext<TracedEvent> context)
        {
            recorder.Consumed.TrySetResult(Activity.Current?.TraceId ?? default);
            return Task.CompletedTask;
        }
    }
}
