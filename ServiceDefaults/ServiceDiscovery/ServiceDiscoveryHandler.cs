namespace Platform.ServiceDefaults.ServiceDiscovery;

/// <summary>
/// Sends <c>http://catalog/items</c> to an address configured for <c>catalog</c>
/// (<c>services__catalog__http__0</c>, ...). Hosts that are not configured service names go out unchanged.
/// </summary>
internal sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logical = request.RequestUri;
        if (logical is not { IsAbsoluteUri: true, HostNameType: UriHostNameType.Dns }
            || resolver.ResolveAll(logical.Host, logical.Scheme).Count == 0)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var address = resolver.Resolve(logical.Host, logical.Scheme);
        request.RequestUri = new UriBuilder(logical) { Scheme = address.Scheme, Host = address.Host, Port = address.Port }.Uri;
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            // A retry of the same message resolves again, so it can land on another replica.
            request.RequestUri = logical;
        }
    }
}
