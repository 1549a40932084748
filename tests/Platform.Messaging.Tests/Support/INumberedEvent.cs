namespace Platform.Messaging.Tests.Support;

/// <summary>A test event; each test declares its own type so that tests sharing the broker never see each other's messages.</summary>
public interface INumberedEvent
{
    int Number { get; }
}
