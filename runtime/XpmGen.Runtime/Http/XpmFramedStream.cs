using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Http;

/// <summary>
/// Lets a synchronous <see cref="System.Xml.XmlReader"/> parse a streamed response without ever reading the
/// network synchronously: the network is read with <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>
/// into memory, and the reader's synchronous <see cref="Read(Span{byte})"/> is served from that memory only.
/// </summary>
/// <remarks>
/// <para>
/// Before each step of <see cref="XpmEnvelopeReader{T}"/> the caller awaits <see cref="FillAsync"/>, which reads
/// until the buffer holds the next two <em>frame ends</em> past what the reader has taken. A frame end is the
/// position after a <c>&gt;</c> that leaves at most the root open, or the root and the list element: so the bytes
/// between two frame ends are one <c>Status</c>, one list item, one payload element, one prolog node. A step reads
/// at most one such frame and then the node after it, hence two. The frames are found with a small byte scanner
/// that knows tags, quotes, comments, CDATA and processing instructions; anything it does not frame (a DTD, a
/// UTF-16 body, text that is not XML) is simply read to the end before parsing, still asynchronously.
/// </para>
/// <para>
/// Were a step ever to need bytes that are not buffered, <see cref="Read(Span{byte})"/> throws instead of
/// blocking or reporting a false end of file.
/// </para>
/// </remarks>
internal sealed class XpmFramedStream : Stream
{
    private const int ReadSize = 16 * 1024;

    private readonly Stream _network;
    private readonly byte[] _wrapperName;
    private readonly TimeSpan _readTimeout;
    private readonly int _maxFrameBytes;
    private readonly CancellationToken _cancellationToken;
    private byte[] _buffer = new byte[ReadSize * 2];
    private int _taken;      // bytes handed to the XML reader
    private int _filled;     // bytes read from the network
    private int _scanned;    // bytes the scanner has classified
    private bool _eof;
    private bool _unframed;  // read to the end: the scanner cannot frame this body
    private int _depth;
    private bool _level2IsWrapper;
    private int _frameA = -1; // the last two frame ends found, _frameA before _frameB
    private int _frameB = -1;
    private bool _encodingChecked;

    /// <param name="network">The response stream; only its asynchronous read is called.</param>
    /// <param name="wrapperName">The list element whose items are frames of their own.</param>
    /// <param name="readTimeout">How long one network read may wait before the body counts as stalled.</param>
    /// <param name="maxFrameBytes">The most one frame may hold (<see cref="XpmClientOptions.MaxResponseBodySize"/>).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public XpmFramedStream(Stream network, string? wrapperName, TimeSpan readTimeout, int maxFrameBytes, CancellationToken cancellationToken)
    {
        _network = network;
        _wrapperName = Encoding.UTF8.GetBytes(wrapperName ?? "\0");
        _readTimeout = readTimeout;
        _maxFrameBytes = maxFrameBytes;
        _cancellationToken = cancellationToken;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads from the network until the next two frames past what the XML reader took are in memory, or the body ended.</summary>
    /// <exception cref="XpmBodyStalledException">A read waited longer than the attempt timeout.</exception>
    public async ValueTask FillAsync()
    {
        while (!_eof)
        {
            Scan();
            if (!_unframed && FramesAhead >= 2)
            {
                return;
            }

            await ReadMoreAsync().ConfigureAwait(false);
        }

        Scan();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var available = _filled - _taken;
        if (available == 0)
        {
            if (_eof)
            {
                return 0;
            }

            throw new InvalidOperationException("XpmGen's streamed reader needed bytes it had not buffered; this is a bug in XpmFramedStream.");
        }

        var count = Math.Min(available, destination.Length);
        _buffer.AsSpan(_taken, count).CopyTo(destination);
        _taken += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async ValueTask ReadMoreAsync()
    {
        Compact();
        if (_filled == _buffer.Length)
        {
            // Only one frame (an item, or a body the scanner cannot frame) is held; one beyond the buffered-body cap
            // is refused rather than allowed to grow without bound (a decompression bomb, an endless element).
            if (_buffer.Length >= _maxFrameBytes)
            {
                throw new XpmBodyTooLargeException(_maxFrameBytes);
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, Math.Max(_maxFrameBytes, ReadSize * 2)));
        }

        // The attempt timeout bounds each wait for the network, so a body that stalls ends as a typed timeout;
        // a large list that keeps arriving is not cut off.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
        stall.CancelAfter(_readTimeout);
        int read;
        try
        {
            read = await _network.ReadAsync(_buffer.AsMemory(_filled, Math.Min(ReadSize, _buffer.Length - _filled)), stall.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && stall.IsCancellationRequested && !_cancellationToken.IsCancellationRequested)
        {
            throw new XpmBodyStalledException(_readTimeout, ex);
        }

        if (read == 0)
        {
            _eof = true;
        }

        _filled += read;
    }

    /// <summary>Drops the bytes the XML reader has taken, so that the buffer holds one or two frames, not the document.</summary>
    private void Compact()
    {
        // Only bytes both taken by the XML reader and classified by the scanner can go: the scanner needs the rest.
        var drop = Math.Min(_taken, _scanned);
        if (drop < _buffer.Length / 2)
        {
            return;
        }

        Buffer.BlockCopy(_buffer, drop, _buffer, 0, _filled - drop);
        _scanned -= drop;
        _taken -= drop;
        _filled -= drop;
        _frameA -= drop;
        _frameB -= drop;
    }

    /// <summary>How many known frame ends lie past what the XML reader has taken (the scanner keeps the last two).</summary>
    private int FramesAhead => (_frameA > _taken ? 1 : 0) + (_frameB > _taken ? 1 : 0);

    /// <summary>Classifies buffered bytes from where it stopped; stops at an incomplete construct or after two frame ends.</summary>
    private void Scan()
    {
        if (_unframed)
        {
            return;
        }

        if (!_encodingChecked && _filled >= 2)
        {
            _encodingChecked = true;
            if (_buffer[0] is 0xFE or 0xFF or 0 || _buffer[1] == 0)
            {
                // UTF-16 or UTF-32: '<' and '>' are not single bytes; read the whole body first.
                _unframed = true;
                return;
            }
        }

        while (_scanned < _filled && FramesAhead < 2)
        {
            var rest = _buffer.AsSpan(_scanned, _filled - _scanned);
            var lt = rest.IndexOf((byte)'<');
            if (lt < 0)
            {
                _scanned = _filled;
                return;
            }

            var start = _scanned + lt;
            var end = ScanMarkup(start);
            if (end < 0)
            {
                // Incomplete: wait for more bytes, from the '<'.
                _scanned = start;
                return;
            }

            if (_unframed)
            {
                return;
            }

            _scanned = end;
            if (_depth <= 1 || (_depth == 2 && _level2IsWrapper))
            {
                _frameA = _frameB;
                _frameB = end;
            }
        }
    }

    /// <summary>Returns the position after the markup at <paramref name="start"/>, or -1 when it is not complete yet.</summary>
    private int ScanMarkup(int start)
    {
        var span = _buffer.AsSpan(start, _filled - start);
        if (span.Length < 2)
        {
            return _eof ? _filled : -1;
        }

        if (span[1] == (byte)'?')
        {
            return After(span, "?>"u8, start);
        }

        if (span[1] == (byte)'!')
        {
            if (span.Length < 9)
            {
                return _eof ? _filled : -1;
            }

            if (span.StartsWith("<!--"u8))
            {
                return After(span, "-->"u8, start);
            }

            if (span.StartsWith("<![CDATA["u8))
            {
                return After(span, "]]>"u8, start);
            }

            // A DTD: the XML reader refuses it as soon as it sees it, so there is nothing to frame.
            _unframed = true;
            return _filled;
        }

        var isEnd = span[1] == (byte)'/';
        var quote = (byte)0;
        for (var i = 1; i < span.Length; i++)
        {
            var b = span[i];
            if (quote != 0)
            {
                if (b == quote)
                {
                    quote = 0;
                }
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == (byte)'>')
            {
                var selfClosing = span[i - 1] == (byte)'/';
                if (isEnd)
                {
                    _depth--;
                }
                else if (!selfClosing)
                {
                    _depth++;
                    if (_depth == 2)
                    {
                        _level2IsWrapper = LocalNameIs(span[1..i], _wrapperName);
                    }
                }

                return start + i + 1;
            }
        }

        return _eof ? _filled : -1;
    }

    private int After(ReadOnlySpan<byte> span, ReadOnlySpan<byte> terminator, int start)
    {
        var at = span[2..].IndexOf(terminator);
        return at < 0 ? (_eof ? _filled : -1) : start + 2 + at + terminator.Length;
    }

    private static bool LocalNameIs(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> name)
    {
        var length = tag.IndexOfAny(" \t\r\n/>"u8);
        var qualified = length < 0 ? tag : tag[..length];
        var colon = qualified.LastIndexOf((byte)':');
        return qualified[(colon + 1)..].SequenceEqual(name);
    }
}

/// <summary>A streamed body waited longer than the attempt timeout for its next bytes.</summary>
internal sealed class XpmBodyStalledException(TimeSpan timeout, Exception inner)
    : TimeoutException($"The response body stalled: no bytes arrived for {timeout.TotalSeconds:0.###} s.", inner)
{
    public TimeSpan Timeout { get; } = timeout;
}
