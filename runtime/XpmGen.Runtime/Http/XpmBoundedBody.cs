using System;
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
    public static async Task<Result> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
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
                    Array.Resize(ref buffer, (int)Math.Min(limit, (long)buffer.Length * 2));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                count += read;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return new Result(buffer, count, ex);
        }

        return new Result(buffer, count, null);
    }
}
