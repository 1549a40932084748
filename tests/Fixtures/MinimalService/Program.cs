// The smallest real service: what ServiceDefaults.Tests runs as a child process.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/ping", () => "pong");

app.Run();
