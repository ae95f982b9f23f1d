using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Http;

/// <summary>
/// Reads response bodies off the network asynchronously, with a bound for bodies that only explain an error
/// (error statuses, OAuth answers), so that a hostile server cannot make the client hold an unbounded body.
/// </summary>
internal static class XpmBoundedBody
{
    /// <summary>The most of an error body that is read: enough for any problem document, bounded against hostile servers.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// The default most of a success body that is buffered (after decompression): 64 MB, far above any XPM page, so a
    /// hostile or broken server (or a 200 KB gzip bomb) cannot make a call allocate without bound. Larger lists are
    /// streamed. A client uses its <see cref="XpmClientOptions.MaxResponseBodySize"/>.
    /// </summary>
    public const int MaxBufferedBodyBytes = XpmClientOptions.DefaultMaxResponseBodySize;

    // The read that looks for the end of a full buffer.
    private const int ProbeBytes = 256;

    /// <summary>What was read: the bytes, and the failure that cut the body short, if any.</summary>
    public readonly record struct Result(byte[] Bytes, int Length, Exception? CutShort);

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of a body as text; a body cut short yields what arrived.</summary>
    public static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        return XpmBodyText.Decode(result.Bytes.AsSpan(0, result.Length), XpmBodyText.GetEncoding(response.Content));
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> bytes with asynchronous reads only. A connection that fails mid-body
    /// ends the read with what arrived and the failure, for the caller to judge; cancellation propagates.
    /// </summary>
    /// <param name="response">The response whose body is read.</param>
    /// <param name="limit">The most bytes kept.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="failWhenLarger">Whether a body longer than <paramref name="limit"/> is a failure
    /// (<see cref="XpmBodyTooLargeException"/> in <see cref="Result.CutShort"/>) rather than an excerpt.</param>
    public static async ValueTask<Result> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken, bool failWhenLarger = false)
    {
        var length = response.Content.Headers.ContentLength;
        var buffer = new byte[length is > 0 && length < limit ? (int)length.Value : Math.Min(limit, 16 * 1024)];
        var count = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (count < limit)
            {
                if (count == buffer.Length)
                {
                    // The buffer is full (usually exactly Content-Length): look for the end with a small read
                    // before doubling it, so a body of the announced length is neither copied nor held twice.
                    var probe = ArrayPool<byte>.Shared.Rent(ProbeBytes);
                    int probed;
                    try
                    {
                        probed = await stream.ReadAsync(probe.AsMemory(0, (int)Math.Min(ProbeBytes, limit - count)), cancellationToken).ConfigureAwait(false);
                        if (probed > 0)
                        {
                            Array.Resize(ref buffer, (int)Math.Min(limit, Math.Max((long)buffer.Length * 2, count + probed)));
                            probe.AsSpan(0, probed).CopyTo(buffer.AsSpan(count));
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(probe);
                    }

                    if (probed == 0)
                    {
                        break;
                    }

                    count += probed;
                    continue;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                count += read;
            }

            if (failWhenLarger && count == limit && await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0)
            {
                return new Result(buffer, count, new XpmBodyTooLargeException(limit));
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return new Result(buffer, count, ex);
        }
        catch (Exception ex) when (XpmDecompressionException.IsDecompressionFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return new Result(buffer, count, new XpmDecompressionException(ex));
        }

        return new Result(buffer, count, null);
    }
}

/// <summary>A success body longer than the buffered-body cap; the response module reports it as an <see cref="XpmProtocolException"/>.</summary>
internal sealed class XpmBodyTooLargeException(int limit)
    : IOException($"the body is larger than the {Describe(limit)} the client buffers (after decompression, XpmClientOptions.MaxResponseBodySize); list endpoints can be streamed instead")
{
    /// <summary>The cap that was reached, in bytes.</summary>
    public int Limit { get; } = limit;

    private static string Describe(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : bytes % 1024 == 0 ? $"{bytes / 1024} KB" : $"{bytes} bytes";
}

/// <summary>
/// A body whose Content-Encoding (gzip, deflate, br) says it is compressed but which does not decompress. The
/// decompressing streams throw <see cref="InvalidDataException"/> (gzip, deflate) or <see cref="InvalidOperationException"/>
/// (Brotli); the response module reports this as an <see cref="XpmProtocolException"/> instead of letting them out raw.
/// </summary>
internal sealed class XpmDecompressionException(Exception inner)
    : IOException("its Content-Encoding says it is compressed, but it could not be decompressed", inner)
{
    /// <summary>Whether an exception thrown while reading a response body is a decompression failure.</summary>
    public static bool IsDecompressionFailure(Exception ex) => ex is InvalidDataException or InvalidOperationException;
}
