using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Messaging.Tests.Support;
using Platform.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Tests.Retry;

public sealed class ErrorQueueTests(PlatformInfrastructure infrastructure)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ConsumerThatThrows_IsRetriedThenMovedToTheErrorQueue()
    {
        var queue = MessagingTestHost.UniqueQueue("doomed");
        int attempts;
        Guid messageId;
        BasicGetResult failed;
        await using (var service = await MessagingTestHost.StartAsync(
            infrastructure,
            bus => bus.AddConsumer<DoomedConsumer>().Endpoint(e => e.Name = queue),
            configureServices: services => services.AddSingleton<AttemptCounter>()))
        {
            await service.EnqueueAsync([new DoomedEvent(7)], perTransaction: 1);
            messageId = await service.ScalarAsync<Guid>("SELECT message_id FROM outbox");
            failed = await GetFromQueueAsync($"{queue}_error");
            attempts = service.Host.Services.GetRequiredService<AttemptCounter>().Attempts;
        }

        await DeleteQueuesAsync(queue, $"{queue}_error");

        // The test host retries three times (MessagingOptions.RetryIntervals), so four attempts in all.
        Assert.Equal(4, attempts);
        Assert.Equal(messageId.ToString(), failed.BasicProperties.MessageId);
        Assert.Equal("doomed 7", Header(failed, "MT-Fault-Message"));
        Assert.Equal("System.InvalidOperationException", Header(failed, "MT-Fault-ExceptionType"));
        Assert.Equal(7, JsonDocument.Parse(failed.Body).RootElement.GetProperty("message").GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task UniqueKeyViolation_IsNotRetried()
    {
        var queue = MessagingTestHost.UniqueQueue("duplicate-key");
        int attempts;
        BasicGetResult failed;
        await using (var service = await MessagingTestHost.StartAsync(
            infrastructure,
            bus => bus.AddConsumer<DuplicateKeyConsumer>().Endpoint(e => e.Name = queue),
            configureServices: services => services.AddSingleton<AttemptCounter>()))
        {
            await service.EnqueueAsync([new DuplicateKeyEvent(1)], perTransaction: 1);
            failed = await GetFromQueueAsync($"{queue}_error");
            attempts = service.Host.Services.GetRequiredService<AttemptCounter>().Attempts;
        }

        await DeleteQueuesAsync(queue, $"{queue}_error");

        Assert.Equal(1, attempts);
        Assert.Equal("Npgsql.PostgresException", Header(failed, "MT-Fault-ExceptionType"));
    }

    private async Task<BasicGetResult> GetFromQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            // The error queue appears with the first failure; asking for a missing queue closes the channel.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
            try
            {
                if (await channel.BasicGetAsync(queue, autoAck: true, TestContext.Current.CancellationToken) is { } result)
                {
                    return result;
                }
            }
            catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
            {
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"nothing arrived in {queue} within {Patience.TotalSeconds:F0} s");
        return null!;
    }

    // The broker outlives the test (./platform test shares it between test projects).
    private async Task DeleteQueuesAsync(params string[] queues)
    {
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        foreach (var queue in queues)
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    private static string? Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()
            : null;

    public sealed record DoomedEvent(int Number);

    public sealed record DuplicateKeyEvent(int Number);

    public sealed class DoomedConsumer(AttemptCounter attempts) : IConsumer<DoomedEvent>
    {
        public Task Consume(ConsumeContext<DoomedEvent> context)
        {
            attempts.Increment();
            throw new InvalidOperationException($"doomed {context.Message.Number}");
        }
    }

    public sealed class DuplicateKeyConsumer(NpgsqlDataSource dataSource, AttemptCounter attempts) : IConsumer<DuplicateKeyEvent>
    {
        public async Task Consume(ConsumeContext<DuplicateKeyEvent> context)
        {
            attempts.Increment();
            await using var command = dataSource.CreateCommand("CREATE TEMP TABLE once (id int PRIMARY KEY); INSERT INTO once VALUES (1), (1)");
            await command.ExecuteNonQueryAsync(context.CancellationToken);
        }
    }
}
