using Platform.UpstreamSim.Media;

namespace Platform.UpstreamSim.Counters;

/// <summary>The simulator's own endpoints: counters, and the image URLs it hands out.</summary>
internal static class SimulatorApi
{
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder endpoints)
    {
        var sim = endpoints.MapGroup("/sim").WithTags("Simulator");
        sim.MapGet("/counters", (RequestCounters counters) => TypedResults.Ok(counters.Snapshot())).WithName("GetCounters");
        sim.MapDelete("/counters", (RequestCounters counters) =>
        {
            counters.Reset();
            return TypedResults.NoContent();
        }).WithName("ResetCounters");
        sim.MapGet("/images/{seed}.png", (ulong seed) => TypedResults.Bytes(PngImage.Create(seed), "image/png"))
            .WithName("GetImage");
        return endpoints;
    }
}
