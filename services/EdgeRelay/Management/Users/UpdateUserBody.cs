namespace Platform.EdgeRelay.Management.Users;

/// <summary>PATCH /admin/v1/users/{id}: a new name, and/or disabled true (every key and the management token stop at once) or false.</summary>
internal sealed record UpdateUserBody
{
    public string? Name { get; init; }
    public bool? Disabled { get; init; }
}
