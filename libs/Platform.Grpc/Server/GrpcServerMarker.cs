namespace Platform.Grpc.Server;

/// <summary>Registered by AddGrpcServer; also remembers that the catch-all UNIMPLEMENTED route is mapped, so it is mapped once.</summary>
internal sealed class GrpcServerMarker
{
    public bool UnknownServiceRouteMapped { get; set; }
}
