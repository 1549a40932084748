namespace Platform.EdgeRelay.Channels.Storage;

/// <summary>Who turned a channel off: an operator's channel stays off; the health monitor's is probed and turned back on.</summary>
internal enum DisabledBy
{
    Operator,
    Auto,
}
