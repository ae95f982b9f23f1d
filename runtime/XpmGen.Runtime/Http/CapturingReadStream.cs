using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Http;

/// <summary>
/// A read-only pass-through stream that keeps a copy of the first bytes it delivers, so that a body which
/// turns out not to be XML can still be shown (as an excerpt) after the XML reader has consumed it.
/// The inner stream is not owned.
/// </summary>
internal sealed class CapturingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _captured;
    private int _capturedCount;
    private long _totalRead;

    public CapturingReadStream(Stream inner, int captureLimit)
    {
        _inner = inner;
        _captured = new byte[captureLimit];
    }

    /// <summary>The first bytes read, up to the capture limit.</summary>
    public ReadOnlySpan<byte> Captured => _captured.AsSpan(0, _capturedCount);

    /// <summary>How many bytes have been read in total.</summary>
    public long TotalRead => _totalRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Capture(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (XpmDecompressionException.IsDecompressionFailure(ex))
        {
            // The streamed path's read failures must be IOExceptions the response module explains.
            throw new XpmDecompressionException(ex);
        }

        Capture(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Capture(ReadOnlySpan<byte> data)
    {
        _totalRead += data.Length;
        var room = _captured.Length - _capturedCount;
        if (room > 0 && data.Length > 0)
        {
            var take = Math.Min(room, data.Length);
            data[..take].CopyTo(_captured.AsSpan(_capturedCount));
            _capturedCount += take;
        }
    }
}
