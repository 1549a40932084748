namespace Platform.Redis.PubSub;

/// <summary>A message received on a subscribed channel.</summary>
/// <param name="Channel">The channel it was published to.</param>
/// <param name="Message">The published text.</param>
public readonly record struct RedisMessage(string Channel, string Message);
