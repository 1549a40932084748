using Google.Protobuf;
using Platform.Contracts.Ledger.V1;
using Platform.Grpc.Server;

namespace Platform.Ledger.Grpc;

/// <summary>A write-only stream that sends each write as one UsageExportChunk message; async writes only.</summary>
internal sealed class ExportChunkStream(IServerStreamWriter<UsageExportChunk> responses) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        responses.WriteAsync(new UsageExportChunk { Data = ByteString.CopyFrom(buffer.Span) }, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("the export stream is written asynchronously only");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
