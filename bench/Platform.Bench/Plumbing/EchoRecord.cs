namespace Platform.Bench.Plumbing;

/// <summary>The JSON side of the comparison: the same three fields as the proto message.</summary>
internal sealed record EchoRecord(string Account, long Amount, string RequestId);
