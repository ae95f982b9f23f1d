using System;
using System.Diagnostics.Metrics;

namespace XpmGen;

/// <summary>Settings of an <see cref="XpmClient"/>.</summary>
public sealed class XpmClientOptions
{
    /// <summary>The default base address, <c>https://api.xero.com/practicemanager/3.1/</c>.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.xero.com/practicemanager/3.1/");

    /// <summary>The base address the endpoint paths are relative to.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The practice to call, sent as the <c>xero-tenant-id</c> header.</summary>
    public string? TenantId { get; set; }

    /// <summary>Supplies the OAuth access token sent as <c>Authorization: Bearer</c>.</summary>
    public IXpmAccessTokenProvider? AccessTokenProvider { get; set; }

    /// <summary>When requests are sent again: throttled calls always, failed reads only. See <see cref="XpmRetryOptions"/>.</summary>
    public XpmRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Keeps calls inside Xero's limits per tenant and per app. Clients of one process should share one
    /// limiter, which is why the default is <see cref="XpmRateLimiter.Shared"/>; instances of an app that runs in several
    /// processes share one through a store they all see (the XpmGen.Redis package's <c>RedisXpmRateLimiter</c>).
    /// </summary>
    public XpmRateLimiterBase RateLimiter { get; set; } = XpmRateLimiter.Shared;

    /// <summary>
    /// How long one attempt may take, from sending the request to the last byte of a buffered body (for a streamed
    /// list: the longest wait for its next bytes). A server that stalls before or after the headers ends within it
    /// as an <see cref="XpmConnectionException"/> with <see cref="XpmConnectionException.TimedOut"/> set, which is
    /// retried for reads only. The caller's token still cancels at once. Default: 100 seconds, like
    /// <see cref="System.Net.Http.HttpClient.Timeout"/>; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The most bytes of a success body the client holds in memory, measured after decompression: the whole body of a
    /// buffered call (<c>SendAsync</c>), or one item of a streamed list (<c>StreamAsync</c>). A larger body fails with
    /// an <see cref="XpmProtocolException"/> before it is all read, so a hostile or broken server (or a small gzip body
    /// that inflates without end) cannot exhaust memory. Large lists can be streamed instead. Default: 64 MB, far above
    /// any XPM page; it must be at least 64 KB.
    /// </summary>
    public int MaxResponseBodySize { get; set; } = DefaultMaxResponseBodySize;

    /// <summary>The default of <see cref="MaxResponseBodySize"/>: 64 MB.</summary>
    internal const int DefaultMaxResponseBodySize = 64 * 1024 * 1024;

    /// <summary>The smallest <see cref="MaxResponseBodySize"/> accepted: 64 KB, the size of an error body the client keeps.</summary>
    internal const int MinMaxResponseBodySize = 64 * 1024;

    /// <summary>
    /// Makes the <c>XpmGen</c> meter the client records its metrics on, as hosts do for every library (the meter then
    /// belongs to the host's container and is disposed with it). <c>AddXpmClient</c> sets it to the container's
    /// <see cref="IMeterFactory"/> when there is one; when <see langword="null"/>, the static
    /// <see cref="Diagnostics.XpmTelemetry.Meter"/> is used. Either way the meter is named <c>XpmGen</c>. See <c>docs/telemetry.md</c>.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }
}
