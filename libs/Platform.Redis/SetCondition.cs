namespace Platform.Redis;

/// <summary>When <see cref="RedisClient.SetAsync"/> stores its value.</summary>
public enum SetCondition
{
    /// <summary>Always (plain SET).</summary>
    Always,

    /// <summary>Only when the key does not exist yet (NX): a lock or a first writer wins.</summary>
    IfNotExists,

    /// <summary>Only when the key already exists (XX).</summary>
    IfExists,
}
