namespace Platform.UpstreamSim.Control;

/// <summary>Waits that end quietly when the client leaves, since a departed client is an expected outcome here.</summary>
internal static class Stall
{
    /// <summary>False when the client left during the wait.</summary>
    public static async ValueTask<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
