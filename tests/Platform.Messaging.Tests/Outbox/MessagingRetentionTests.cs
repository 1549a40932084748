using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Messaging.Tests.Support;
using Platform.Testing;

namespace Platform.Messaging.Tests.Outbox;

public sealed class MessagingRetentionTests(PlatformInfrastructure infrastructure)
{
    [Fact]
    public async Task DeleteExpired_RemovesOldSentAndInboxRowsButNeverPendingOnes()
    {
        await using var service = await MessagingTestHost.StartAsync(infrastructure, _ => { });
        await service.Dispatcher.StopAsync(TestContext.Current.CancellationToken);
        await service.ExecuteAsync(
            """
            INSERT INTO outbox (message_id, message_type, payload, created_at, sent_at) VALUES
                ('00000000-0000-0000-0000-000000000001', 'T, A', '{}', now() - interval '3 days', now() - interval '2 days'),
                ('00000000-0000-0000-0000-000000000002', 'T, A', '{}', now() - interval '3 hours', now() - interval '2 hours'),
                ('00000000-0000-0000-0000-000000000003', 'T, A', '{}', now() - interval '3 days', NULL);
            INSERT INTO inbox (message_id, consumer, received_at) VALUES
                ('00000000-0000-0000-0000-000000000001', 'C', now() - interval '2 days'),
                ('00000000-0000-0000-0000-000000000002', 'C', now() - interval '2 hours')
            """);
        var retention = new MessagingRetention(
            service.DataSource, Options.Create(new MessagingOptions { Retention = TimeSpan.FromDays(1) }), NullLogger<MessagingRetention>.Instance);

        var deleted = await retention.DeleteExpiredAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, deleted);
        Assert.Equal([2, 3], await service.QueryAsync<int>("SELECT right(message_id::text, 1)::int FROM outbox ORDER BY 1"));
        Assert.Equal([2], await service.QueryAsync<int>("SELECT right(message_id::text, 1)::int FROM inbox"));
    }
}
