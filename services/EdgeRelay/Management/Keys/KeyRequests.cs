using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Identity.V1;
using Platform.EdgeRelay.Json;

namespace Platform.EdgeRelay.Management.Keys;

/// <summary>The management bodies as identity's Keys requests; identity checks the values and says what to fix.</summary>
internal static class KeyRequests
{
    public static CreateKeyRequest Create(Guid userId, CreateKeyBody body)
    {
        var request = new CreateKeyRequest
        {
            UserId = userId.ToString(),
            Name = body.Name ?? "",
            CheckModels = body.CheckModels,
            Admin = body.Admin,
            Search = body.Search,
            ExpiresAt = body.ExpiresAt.ToTimestamp(),
        };
        request.AllowedModels.AddRange(body.AllowedModels ?? []);
        request.AllowedIps.AddRange(body.AllowedIps ?? []);
        if (body.QuotaMicroCoins is { } quota)
        {
            request.QuotaMicroCoins = quota;
        }
        if (body.RpmLimit is { } rpm)
        {
            request.RpmLimit = rpm;
        }
        if (body.TpmLimit is { } tpm)
        {
            request.TpmLimit = tpm;
        }
        return request;
    }

    public static UpdateKeyRequest Update(Guid userId, Guid keyId, UpdateKeyBody body)
    {
        var request = new UpdateKeyRequest { UserId = userId.ToString(), KeyId = keyId.ToString() };
        if (body.Name.IsSet)
        {
            request.Name = body.Name.Value ?? throw new InvalidRequestException("name cannot be null; leave it out to keep the name", "name");
        }
        if (body.AllowedModels.IsSet)
        {
            request.AllowedModels = new StringList { Values = { body.AllowedModels.Value ?? [] } };
        }
        if (body.AllowedIps.IsSet)
        {
            request.AllowedIps = new StringList { Values = { body.AllowedIps.Value ?? [] } };
        }
        if (body.CheckModels.IsSet)
        {
            request.CheckModels = body.CheckModels.Value;
        }
        if (body.Admin.IsSet)
        {
            request.Admin = body.Admin.Value;
        }
        if (body.Search.IsSet)
        {
            request.Search = body.Search.Value;
        }
        // Each oneof: a value replaces, null removes.
        switch (body.QuotaMicroCoins)
        {
            case { IsSet: true, Value: { } quota }: request.QuotaMicroCoins = quota; break;
            case { IsSet: true }: request.RemoveQuota = true; break;
        }
        switch (body.ExpiresAt)
        {
            case { IsSet: true, Value: { } expiry }: request.ExpiresAt = Timestamp.FromDateTimeOffset(expiry); break;
            case { IsSet: true }: request.RemoveExpiry = true; break;
        }
        switch (body.RpmLimit)
        {
            case { IsSet: true, Value: { } rpm }: request.RpmLimit = rpm; break;
            case { IsSet: true }: request.RemoveRpmLimit = true; break;
        }
        switch (body.TpmLimit)
        {
            case { IsSet: true, Value: { } tpm }: request.TpmLimit = tpm; break;
            case { IsSet: true }: request.RemoveTpmLimit = true; break;
        }
        return request;
    }
}
