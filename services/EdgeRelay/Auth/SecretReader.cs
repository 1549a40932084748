namespace Platform.EdgeRelay.Auth;

/// <summary>The secret a client presents: OpenAI's <c>Authorization: Bearer</c> or Anthropic's <c>x-api-key</c>.</summary>
internal static class SecretReader
{
    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var secret = authorization.AsSpan(7).Trim();
            return secret.Length == 0 ? null : secret.ToString();
        }
        var apiKey = request.Headers["x-api-key"].ToString().Trim();
        return apiKey.Length == 0 ? null : apiKey;
    }
}
