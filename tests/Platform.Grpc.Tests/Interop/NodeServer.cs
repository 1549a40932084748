using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Platform.Grpc.Tests.Interop;

/// <summary>The running grpc-js echo server and the events it prints (calls, cancellations).</summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _events = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _errors = new();
    private TaskCompletionSource _eventArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeServer(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.ErrorDataReceived += (_, line) => { lock (_errors) { _errors.AppendLine(line.Data); } };
        process.Exited += (_, _) => _port.TrySetException(new InvalidOperationException($"grpc-js server exited: {Errors}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static async Task<NodeServer> StartAsync(Process process)
    {
        var server = new NodeServer(process);
        var port = await server._port.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.Address = new Uri($"http://127.0.0.1:{port}");
        return server;
    }

    /// <summary>Waits for an event of <paramref name="kind"/> about <paramref name="callId"/> (and, for calls, its attempt number).</summary>
    public async Task<JsonElement> WaitForEventAsync(string kind, string callId, TimeSpan timeout, int attempt = 1)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var arrived = Volatile.Read(ref _eventArrived).Task;
            foreach (var item in _events)
            {
                if (item.GetProperty("event").GetString() == kind
                    && item.GetProperty("callId").GetString() == callId
                    && (!item.TryGetProperty("attempt", out var number) || number.GetInt32() == attempt))
                {
                    return item;
                }
            }
            try
            {
                await arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"grpc-js server reported no '{kind}' for call '{callId}' within {timeout}.");
            }
        }
    }

    public int CountEvents(string kind, string callId) =>
        _events.Count(item => item.GetProperty("event").GetString() == kind && item.GetProperty("callId").GetString() == callId);

    public async ValueTask DisposeAsync()
    {
        // Closing stdin lets the server shut down by itself; killing is the fallback.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }
        var item = JsonDocument.Parse(line).RootElement.Clone();
        if (item.GetProperty("event").GetString() == "listening")
        {
            _port.TrySetResult(item.GetProperty("port").GetInt32());
            return;
        }
        _events.Enqueue(item);
        Interlocked.Exchange(ref _eventArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
