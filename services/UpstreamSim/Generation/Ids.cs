namespace Platform.UpstreamSim.Generation;

/// <summary>Provider-shaped identifiers (<c>chatcmpl-…</c>, <c>msg_…</c>); unique per response, unlike the content.</summary>
internal static class Ids
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(string prefix, int length = 24) =>
        string.Create(prefix.Length + length, prefix, static (span, prefix) =>
        {
            prefix.AsSpan().CopyTo(span);
            for (var i = prefix.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });

    public static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
