namespace Platform.UpstreamSim.Control;

/// <summary>Carries a request's resolved directives from the provider gate to its handler.</summary>
internal static class SimFeature
{
    public static void Set(HttpContext context, SimDirectives directives) => context.Features.Set(directives);

    public static SimDirectives Get(HttpContext context) => context.Features.Get<SimDirectives>() ?? SimDirectives.None;
}
