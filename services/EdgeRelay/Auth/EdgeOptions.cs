namespace Platform.EdgeRelay.Auth;

/// <summary>Configuration section <c>Edge</c>; the AppHost passes the operator secrets.</summary>
internal sealed class EdgeOptions
{
    /// <summary>The operators' token for <c>/admin/v1/*</c> (the AppHost's <c>admin-token</c> parameter).</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>A random secret of 32+ characters from which the key that encrypts upstream keys at rest is derived (the AppHost's <c>encryption-key</c> parameter).</summary>
    public string EncryptionKey { get; set; } = "";
}
