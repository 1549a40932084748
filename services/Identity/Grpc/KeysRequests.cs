using Platform.Contracts.Identity;
using Platform.Contracts.Identity.V1;
using Platform.Identity.Keys;

namespace Platform.Identity.Grpc;

/// <summary>Checks and converts Keys request fields; every refusal is INVALID_ARGUMENT saying what to fix.</summary>
internal static class KeysRequests
{
    public const int MaxModelPatterns = 500;
    public const int MaxRequestIdLength = 200;
    private const string NameAdvice = "give the key a name you will recognise in the list";
    private const string ExpiryAdvice = "give a later time, or leave it unset for a key that never expires";

    public static KeySettings Settings(CreateKeyRequest request, DateTimeOffset now) => new(
        IdentityRequests.Name(request.Name, "name", NameAdvice),
        AllowedModels(request.AllowedModels, "allowed_models"),
        request.CheckModels,
        request.Admin,
        request.Search,
        request.HasQuotaMicroCoins ? Quota(request.QuotaMicroCoins) : null,
        request.ExpiresAt is null ? null : IdentityRequests.Future(request.ExpiresAt, "expires_at", now, ExpiryAdvice),
        AllowedIps(request.AllowedIps, "allowed_ips"),
        request.HasRpmLimit ? Limit(request.RpmLimit, "rpm_limit") : null,
        request.HasTpmLimit ? Limit(request.TpmLimit, "tpm_limit") : null);

    public static KeyUpdate Update(UpdateKeyRequest request, DateTimeOffset now) => new(
        request.HasName ? IdentityRequests.Name(request.Name, "name", NameAdvice) : null,
        request.AllowedModels is { } models ? AllowedModels(models.Values, "allowed_models.values") : null,
        request.HasCheckModels ? request.CheckModels : null,
        request.HasAdmin ? request.Admin : null,
        request.HasSearch ? request.Search : null,
        request.QuotaChangeCase switch
        {
            UpdateKeyRequest.QuotaChangeOneofCase.QuotaMicroCoins => new Replacement<long?>(Quota(request.QuotaMicroCoins)),
            UpdateKeyRequest.QuotaChangeOneofCase.RemoveQuota => Removal<long?>(request.RemoveQuota, "remove_quota"),
            _ => null,
        },
        request.ExpiryChangeCase switch
        {
            UpdateKeyRequest.ExpiryChangeOneofCase.ExpiresAt =>
                new Replacement<DateTimeOffset?>(IdentityRequests.Future(request.ExpiresAt, "expires_at", now, ExpiryAdvice)),
            UpdateKeyRequest.ExpiryChangeOneofCase.RemoveExpiry => Removal<DateTimeOffset?>(request.RemoveExpiry, "remove_expiry"),
            _ => null,
        },
        request.AllowedIps is { } ips ? AllowedIps(ips.Values, "allowed_ips.values") : null,
        request.RpmChangeCase switch
        {
            UpdateKeyRequest.RpmChangeOneofCase.RpmLimit => new Replacement<int?>(Limit(request.RpmLimit, "rpm_limit")),
            UpdateKeyRequest.RpmChangeOneofCase.RemoveRpmLimit => Removal<int?>(request.RemoveRpmLimit, "remove_rpm_limit"),
            _ => null,
        },
        request.TpmChangeCase switch
        {
            UpdateKeyRequest.TpmChangeOneofCase.TpmLimit => new Replacement<int?>(Limit(request.TpmLimit, "tpm_limit")),
            UpdateKeyRequest.TpmChangeOneofCase.RemoveTpmLimit => Removal<int?>(request.RemoveTpmLimit, "remove_tpm_limit"),
            _ => null,
        });

    /// <summary>Exact names and prefix* patterns, duplicates dropped, order kept.</summary>
    public static string[] AllowedModels(IReadOnlyCollection<string> patterns, string field)
    {
        if (patterns.Count > MaxModelPatterns)
        {
            throw IdentityRequests.Invalid($"{field} has {patterns.Count} entries; at most {MaxModelPatterns} are allowed, so cover families of models with prefix* patterns");
        }
        foreach (var pattern in patterns)
        {
            if (!ModelAllowList.IsValidPattern(pattern))
            {
                throw IdentityRequests.Invalid(
                    $"{field} entry '{pattern}' is not a model name or prefix* pattern: use 1 to {ModelAllowList.MaxPatternLength} of the characters " +
                    "A-Z a-z 0-9 . _ : / @ - and at most one *, only at the end (e.g. 'gpt-4o' or 'claude-3*')");
            }
        }
        return patterns.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Canonical CIDRs (a bare address becomes /32 or /128), duplicates dropped, order kept.</summary>
    public static string[] AllowedIps(IReadOnlyCollection<string> entries, string field)
    {
        if (entries.Count > IpAllowList.MaxEntries)
        {
            throw IdentityRequests.Invalid($"{field} has {entries.Count} entries; at most {IpAllowList.MaxEntries} are allowed, so merge addresses into wider CIDRs");
        }
        var cidrs = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            cidrs.Add(IpAllowList.TryNormalize(entry, out var cidr, out var problem) ? cidr : throw IdentityRequests.Invalid($"{field} entry {problem}"));
        }
        return cidrs.Distinct(StringComparer.Ordinal).ToArray();
    }

    public static string RequestId(string requestId) =>
        requestId.Length is > 0 and <= MaxRequestIdLength
            ? requestId
            : throw IdentityRequests.Invalid($"request_id must be 1 to {MaxRequestIdLength} characters; pass the relay's id of the settled call");

    public static long Amount(long amount) =>
        amount >= 0 ? amount : throw IdentityRequests.Invalid($"amount_micro_coins must be 0 or more, not {amount}; pass what the ledger charged for the call");

    private static long Quota(long quota) =>
        quota >= 0 ? quota : throw IdentityRequests.Invalid($"quota_micro_coins must be 0 or more, not {quota}; leave it unset for no cap");

    private static int Limit(int limit, string field) =>
        limit > 0 ? limit : throw IdentityRequests.Invalid($"{field} must be 1 or more, not {limit}; leave it unset for no per-key limit");

    private static Replacement<T> Removal<T>(bool remove, string field) =>
        remove ? new Replacement<T>(default!) : throw IdentityRequests.Invalid($"{field} can only be true; leave the field unset to keep the current value");
}
