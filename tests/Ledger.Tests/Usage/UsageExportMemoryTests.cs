using System.Diagnostics;
using System.IO.Pipelines;
using Platform.Ledger.Tests.Support;
using Platform.Ledger.Usage;
using Platform.Testing;

namespace Platform.Ledger.Tests.Usage;

/// <summary>Measures the process's managed heap, so it runs alone.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class UsageExportMemoryCollection;

[Collection(nameof(UsageExportMemoryCollection))]
public sealed class UsageExportMemoryTests(PlatformInfrastructure infrastructure)
{
    private const int Rows = 100_000;

    [Theory]
    [InlineData(nameof(ExportFormat.Csv))]
    [InlineData(nameof(ExportFormat.Json))]
    public async Task Export_Of100000Records_StreamsWithBoundedMemory(string formatName)
    {
        var format = Enum.Parse<ExportFormat>(formatName);
        var ct = TestContext.Current.CancellationToken;
        await using var ledger = await LedgerHost.StartAsync(infrastructure);
        var user = Guid.NewGuid();
        var newest = DateTimeOffset.UtcNow.AddMinutes(-1);
        await UsageSeed.InsertManyAsync(ledger.Db, user, Rows, newest);
        var rows = ledger.Get<UsageQueryStore>().ReadAllAsync(new UsageQuery(user, newest.AddDays(-2), newest.AddSeconds(1)), ct);
        var sink = new MeasuringStream();
        var output = PipeWriter.Create(sink);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var written = await UsageExportWriter.WriteAsync(rows, format, output, ct);
        await output.CompleteAsync();
        clock.Stop();
        var allocatedPerRow = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Rows;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Rows} rows, {sink.Length / 1024 / 1024} MiB of {format} in {clock.ElapsedMilliseconds} ms ({Rows / clock.Elapsed.TotalSeconds:0} rows/s); "
            + $"live heap at most {(sink.PeakLiveBytes - baseline) / 1024} KiB above the start; {allocatedPerRow} bytes allocated per row");
        Assert.Equal(Rows, written);
        Assert.True(sink.Length > Rows * 250L, $"only {sink.Length} bytes reached the stream");
        Assert.True(sink.Samples >= 5, $"only {sink.Samples} samples of the heap");
        // Holding the rows (each ~800 bytes with its price snapshot) or the 30+ MiB document would far exceed this.
        Assert.True(sink.PeakLiveBytes - baseline < 8 * 1024 * 1024, $"the live heap grew by {(sink.PeakLiveBytes - baseline) / 1024} KiB during the export");
    }

    /// <summary>Counts what it is given and, every so often, how much of the heap is still reachable.</summary>
    private sealed class MeasuringStream : Stream
    {
        private int _writes;
        private long _length;

        public long PeakLiveBytes { get; private set; }
        public int Samples { get; private set; }
        public override long Length => _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            if (++_writes % 200 == 0)
            {
                PeakLiveBytes = Math.Max(PeakLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
                Samples++;
            }
            return ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
