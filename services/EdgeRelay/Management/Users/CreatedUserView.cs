namespace Platform.EdgeRelay.Management.Users;

/// <summary>The answer to POST /admin/v1/users: the user and its management token, shown this once.</summary>
internal sealed record CreatedUserView(UserView User, string ManagementToken);
