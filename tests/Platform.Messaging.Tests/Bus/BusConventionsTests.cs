using MassTransit;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Tests.Support;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.Messaging.Tests.Bus;

public sealed class BusConventionsTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task ConsumerEndpoint_IsNamedInKebabCase()
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        await channel.QueueDeleteAsync("kebab-case-probe", cancellationToken: TestContext.Current.CancellationToken);

        await using (await MessagingTestHost.StartAsync(infrastructure, bus => bus.AddConsumer<KebabCaseProbeConsumer>()))
        {
            var queue = await channel.QueueDeclarePassiveAsync("kebab-case-probe", TestContext.Current.CancellationToken);
            Assert.Equal(1u, queue.ConsumerCount);
        }

        await channel.QueueDeleteAsync("kebab-case-probe", cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddPlatformMessaging_WithoutADataSource_SaysWhatToCallFirst()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPlatformMessaging());

        Assert.Equal("call AddPostgresDataSource before AddPlatformMessaging: the outbox and inbox tables live in the service's database", error.Message);
    }

    public sealed record KebabCaseProbeEvent(int Number);

    public sealed class KebabCaseProbeConsumer : IConsumer<KebabCaseProbeEvent>
    {
        public Task Consume(ConsumeContext<KebabCaseProbeEvent> context) => Task.CompletedTask;
    }
}
