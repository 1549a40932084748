namespace Platform.EdgeRelay.Channels.Admin;

/// <summary>All the admin API shows of an upstream key.</summary>
internal sealed record KeyHintView(string Last4);
