namespace Platform.EdgeRelay.Channels.Storage;

/// <summary>Another channel has the name already (names are unique so operators can tell channels apart in logs).</summary>
internal sealed class ChannelNameTakenException(string name)
    : Exception($"a channel named '{name}' already exists; choose another name, or change that channel with PATCH /admin/v1/channels/{{id}}");
