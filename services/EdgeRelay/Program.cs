var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEdgeServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEdgeApis();

app.Run();
