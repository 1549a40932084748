using Platform.UpstreamSim.Anthropic;
using Platform.UpstreamSim.Counters;
using Platform.UpstreamSim.OpenAI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUpstreamSimServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenAIApi();
app.MapAnthropicApi();
app.MapSimulatorApi();

app.Run();
