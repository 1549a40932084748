using Platform.Hosting.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Platform.Hosting.Console;

/// <summary>The resource table (name, kind, state, endpoint, health, restarts) redrawn in place, with recent events.</summary>
internal sealed class LiveResourceTable : RunConsole
{
    private readonly DistributedApplication _app;
    private readonly List<string> _events = [];
    private readonly CancellationTokenSource _done = new();
    private readonly Task _loop;
    private IReadOnlyList<string> _footer = ["starting... Ctrl+C stops everything"];

    public LiveResourceTable(DistributedApplication app)
    {
        _app = app;
        _loop = AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!_done.IsCancellationRequested)
            {
                context.UpdateTarget(Render());
                await Task.Delay(250).ConfigureAwait(false);
            }
            context.UpdateTarget(Render());
        });
    }

    public override void Report(string message)
    {
        lock (_events)
        {
            _events.Add($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(message)}");
            if (_events.Count > 8)
            {
                _events.RemoveAt(0);
            }
        }
    }

    public override void ShowReady(IReadOnlyList<string> hooked)
    {
        var hints = hooked.Count > 0 ? hooked : ReadyHints.For(_app, _app.Services);
        _footer = hints.Count == 0
            ? ["[green]all resources healthy[/]; state in " + Markup.Escape(_app.Paths.StateFile) + "; Ctrl+C stops everything"]
            : ["[green]platform ready[/]; call it with:", .. hints.Select(h => "  " + Markup.Escape(h)), "Ctrl+C stops everything"];
    }

    public override void ShowStopping() => _footer = ["[yellow]stopping, dependents first...[/]"];

    public override async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _loop;
    }

    private IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("name", "kind", "state", "endpoint", "health", "restarts");
        foreach (var resource in _app.Snapshot().Where(r => r.Kind != "parameter"))
        {
            table.AddRow(
                Markup.Escape(resource.Name),
                resource.Kind,
                StateMarkup(resource),
                Markup.Escape(string.Join(" ", resource.Instances.SelectMany(i => i.Endpoints))),
                resource.Health switch { "healthy" => "[green]healthy[/]", "unhealthy" => "[red]unhealthy[/]", _ => "[grey]-[/]" },
                resource.Restarts.ToString());
        }
        List<IRenderable> rows = [table];
        lock (_events)
        {
            rows.AddRange(_events.Select(e => new Markup(e)));
        }
        rows.AddRange(_footer.Select(line => new Markup(line)));
        return new Rows(rows);
    }

    private static string StateMarkup(ResourceSnapshot resource) => resource.State switch
    {
        "running" => "[green]running[/]",
        "failed" or "crashed" => $"[red]{resource.State}[/]",
        _ => $"[yellow]{resource.State}[/]",
    };
}
