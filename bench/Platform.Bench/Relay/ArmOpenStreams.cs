namespace Platform.Bench.Relay;

/// <summary>Scenario (d) for one relay: how many streams were open at once and the relay's resident memory around it.</summary>
internal sealed record ArmOpenStreams(string Arm, int Streams, int Errors, int PeakOpen, double Seconds, double RssBeforeMb, double PeakRssMb, double HighWaterMarkMb);
