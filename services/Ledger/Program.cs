using Platform.Grpc.Server;
using Platform.Contracts.Ledger.V1;
using Platform.Ledger.Grpc;
using Platform.Ledger.Recharges;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLedgerServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<LedgerGrpcService>(LedgerReflection.Descriptor.Services[0]);
app.MapGrpcService<BillingGrpcService>(BillingReflection.Descriptor.Services[0]);
app.MapGrpcService<UsageGrpcService>(UsageReflection.Descriptor.Services[0]);
app.MapGrpcService<PricingGrpcService>(PricingReflection.Descriptor.Services[0]);
app.MapGrpcHealth();
app.MapPaymentWebhooksApi();

app.Run();
