using System.Buffers.Text;

namespace Platform.Identity.Paging;

/// <summary>
/// The opaque page token of keyset listings: base64url of the 16 bytes of the last id of the page. A forged token only
/// moves within what the caller may list anyway: the owner is never part of it.
/// </summary>
internal static class PageToken
{
    public static string From(Guid? after) => after is { } id ? Base64Url.EncodeToString(id.ToByteArray(bigEndian: true)) : "";

    public static bool TryParse(string token, out Guid after)
    {
        after = Guid.Empty;
        if (token.Length != 22 || !Base64Url.IsValid(token))
        {
            return false;
        }
        after = new Guid(Base64Url.DecodeFromChars(token), bigEndian: true);
        return true;
    }
}
