namespace Platform.EdgeRelay.Channels.Storage;

/// <summary><c>Edge:EncryptionKey</c> is missing or malformed, so channel keys can be neither encrypted nor read.</summary>
internal sealed class EncryptionKeyUnavailableException(string message) : Exception(message);
