using Platform.Contracts.Identity.V1;
using Platform.Grpc.Server;
using Platform.Identity.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<AuthGrpcService>(AuthReflection.Descriptor.Services[0]);
app.MapGrpcService<KeysGrpcService>(KeysReflection.Descriptor.Services[0]);
app.MapGrpcService<UsersGrpcService>(UsersReflection.Descriptor.Services[0]);
app.MapGrpcHealth();

app.Run();
