namespace Platform.Identity.Auth;

internal enum CredentialKind
{
    ApiKey,
    ManagementToken,
}
