using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XpmGen.Diagnostics;
using XpmGen.Http;
using XpmGen.Pipeline;

namespace XpmGen;

/// <summary>
/// The XPM API client. Resource facades such as <c>Clients</c> and <c>Jobs</c> are generated from the
/// schema as properties of this class; <see cref="SendAsync{TResponse}"/> sends any request they build.
/// App code can take <see cref="IXpmClient"/> instead, so its tests can pass a fake.
/// </summary>
/// <remarks>
/// The client is thread-safe and holds no per-call state; share one instance per practice. The settings of
/// <see cref="XpmClientOptions"/> are read once, when the client is created. Sending goes through the stages of
/// <c>Pipeline/XpmSendPipeline</c>; responses are read by <c>Pipeline/XpmResponseModule</c>.
/// </remarks>
public sealed partial class XpmClient : IXpmClient
{
    private static readonly XmlWriterSettings BodyWriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Document,
        Indent = false,
        CloseOutput = false,
    };

    private static readonly Lazy<HttpClient> SharedHttpClient = new(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Uri _baseAddress;
    private readonly string? _tenantId;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly XpmSendPipeline _pipeline;
    private readonly XpmRateLimiterBase _rateLimiter;
    private readonly ILogger _logger;
    private readonly Func<XpmRateLimitStatus?> _limits;

    // The URI of the last call without a query (a path is checked and parsed once while it repeats); never a query,
    // which may carry personal data.
    private CachedUri? _lastUri;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HTTP client; its own <c>BaseAddress</c> is not used.</param>
    /// <param name="options">Base address, tenant and access token.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="XpmClientOptions.AccessTokenProvider"/> is not set, <see cref="XpmClientOptions.BaseAddress"/> is not an
    /// absolute <c>http</c>/<c>https</c> URI without query or fragment, or <see cref="XpmClientOptions.TenantId"/> is blank.
    /// A base address that does not end with <c>/</c> gets one, so that <c>…/3.1</c> and <c>…/3.1/</c> mean the same.
    /// </exception>
    public XpmClient(HttpClient httpClient, XpmClientOptions options)
        : this(httpClient, options, logger: null)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/> and logs to <paramref name="logger"/>.</summary>
    /// <param name="httpClient">The HTTP client; its own <c>BaseAddress</c> is not used.</param>
    /// <param name="options">Base address, tenant, access token, retries, attempt timeout and rate limiter.</param>
    /// <param name="logger">Receives one event per call (endpoint, tenant, status, duration, correlation id, remaining limits) and per retry; never a token.</param>
    /// <exception cref="ArgumentException">A setting is missing or wrong; the message names it.</exception>
    public XpmClient(HttpClient httpClient, XpmClientOptions options, ILogger<XpmClient>? logger)
        : this(httpClient, options, logger, retriesDelegated: false)
    {
    }

    /// <summary>The constructor <c>AddXpmClient</c> uses: <paramref name="retriesDelegated"/> when a resilience handler in the HttpClient retries.</summary>
    internal XpmClient(HttpClient httpClient, XpmClientOptions options, ILogger<XpmClient>? logger, bool retriesDelegated)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (XpmClientOptionsCheck.Describe(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _baseAddress = XpmClientOptionsCheck.NormalizeBaseAddress(options.BaseAddress);
        _tenantId = XpmClientOptionsCheck.NormalizeTenantId(options.TenantId);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _rateLimiter = options.RateLimiter;
        _pipeline = new XpmSendPipeline(httpClient, options, retriesDelegated, _timeProvider, _logger);
        _limits = () => RateLimitStatus;
    }

    // A handle for another tenant of the same connection: everything is shared but the tenant header.
    private XpmClient(XpmClient source, string tenantId)
    {
        _baseAddress = source._baseAddress;
        _timeProvider = source._timeProvider;
        _pipeline = source._pipeline;
        _rateLimiter = source._rateLimiter;
        _logger = source._logger;
        _tenantId = XpmClientOptionsCheck.NormalizeTenantId(tenantId);
        _limits = () => RateLimitStatus;
    }

    /// <summary>The tenant sent as <c>xero-tenant-id</c>, or <see langword="null"/> when none is sent.</summary>
    public string? TenantId => _tenantId;

    /// <summary>
    /// Returns a client for another tenant reached by the same access token (see
    /// <c>XpmOAuthClient.GetConnectionsAsync</c>). It shares this client's HTTP client, token provider, retries and
    /// rate limiter; the limits are kept per tenant.
    /// </summary>
    /// <param name="tenantId">The tenant id, sent as <c>xero-tenant-id</c>.</param>
    /// <exception cref="ArgumentException">The tenant id is blank or holds control characters.</exception>
    public XpmClient ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return new XpmClient(this, tenantId);
    }

    // Explicit, so callers of the class keep getting an XpmClient (with its concrete facades).
    IXpmClient IXpmClient.ForTenant(string tenantId) => ForTenant(tenantId);

    /// <summary>The last limit figures XPM reported for this client's tenant, or <see langword="null"/> before any response.</summary>
    public XpmRateLimitStatus? RateLimitStatus => _rateLimiter.GetStatus(_tenantId);

    /// <summary>
    /// Creates a client for one practice with a fixed access token, for scripts and tests. The token expires
    /// after 30 minutes; long-running applications should pass an <see cref="IXpmAccessTokenProvider"/> that
    /// refreshes it through <see cref="XpmClient(HttpClient, XpmClientOptions)"/>.
    /// </summary>
    /// <param name="accessToken">The OAuth 2.0 access token, without the <c>Bearer</c> prefix.</param>
    /// <param name="tenantId">The practice's tenant id (from <c>GET https://api.xero.com/connections</c>), sent as <c>xero-tenant-id</c>.</param>
    /// <param name="baseAddress">The API base address; <see cref="XpmClientOptions.DefaultBaseAddress"/> when <see langword="null"/>.</param>
    /// <param name="httpClient">
    /// The HTTP client to send through. When <see langword="null"/>, one process-wide client is shared (pooled
    /// connections renewed every 2 minutes, gzip/brotli decompression, a 5-minute timeout for the response headers).
    /// </param>
    /// <exception cref="ArgumentException">The token or the tenant id is blank, or the base address is not absolute.</exception>
    public static XpmClient Create(string accessToken, string tenantId, Uri? baseAddress = null, HttpClient? httpClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var options = new XpmClientOptions
        {
            AccessTokenProvider = new StaticAccessTokenProvider(accessToken),
            TenantId = tenantId,
            BaseAddress = baseAddress ?? XpmClientOptions.DefaultBaseAddress,
        };
        return new XpmClient(httpClient ?? SharedHttpClient.Value, options);
    }

    /// <summary>The base address requests are sent under; it always ends with <c>/</c>.</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>Sends a request and reads the payload of its response.</summary>
    /// <typeparam name="TResponse">The type the response payload is read into.</typeparam>
    /// <param name="request">The request, usually built by a generated request builder.</param>
    /// <param name="cancellationToken">Cancels sending, waiting and reading.</param>
    /// <returns>The payload of an <c>OK</c> response, completed with the envelope (for example its <c>WebUrl</c>).</returns>
    /// <remarks>
    /// The body is read off the network asynchronously within <see cref="XpmClientOptions.AttemptTimeout"/>, then parsed
    /// from memory with a secure synchronous reader (DTDs prohibited, nothing resolved); use the generated
    /// <c>Stream{Name}Async</c> methods or <see cref="StreamAsync{T}"/> to read large lists without buffering them.
    /// An error body is read up to 64 KB only.
    /// </remarks>
    /// <exception cref="XpmApiException">The response's <c>Status</c> is <c>ERROR</c>, with HTTP 200 or an error status.</exception>
    /// <exception cref="XpmUnauthorizedException">HTTP 401: the access token was not accepted.</exception>
    /// <exception cref="XpmForbiddenException">HTTP 403: wrong tenant, or no scope the endpoint accepts.</exception>
    /// <exception cref="XpmRateLimitException">HTTP 429: a rate limit was exceeded.</exception>
    /// <exception cref="XpmServiceUnavailableException">HTTP 503.</exception>
    /// <exception cref="XpmHttpException">Another non-success status.</exception>
    /// <exception cref="XpmProtocolException">The body is not the XML the endpoint returns, or it was cut short.</exception>
    /// <exception cref="XpmConnectionException">No complete response arrived (a reset, or a stall past the attempt timeout), after any retries that were safe; it says whether XPM may have processed the request and whether it timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The access token provider returned a blank or malformed token.</exception>
    public async Task<TResponse> SendAsync<TResponse>(XpmRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = CreateCall(request, streamed: false);
        using var scope = new XpmCallScope(call, _pipeline.Metrics, _timeProvider, _logger, _limits);
        try
        {
            using var response = await _pipeline.SendAsync(call, cancellationToken).ConfigureAwait(false);
            var result = XpmResponseModule.Read(call, response, request.ResponseReader, _timeProvider, cancellationToken);
            scope.Complete(error: null);
            return result;
        }
        catch (Exception ex)
        {
            scope.Complete(ex);
            throw;
        }
    }

    /// <summary>
    /// Sends a list request and returns its items as they are read from the response stream, without
    /// buffering the document: only the current item is held, so a 50 MB client list costs the memory of one
    /// client. Limits, retries (before the first item) and error checks are those of <see cref="SendAsync{TResponse}"/>.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="request">A list request, such as <c>ClientRequests.List(detailed: true)</c>.</param>
    /// <param name="cancellationToken">Cancels the call and the enumeration.</param>
    /// <returns>The items in document order.</returns>
    /// <remarks>
    /// XPM writes <c>Status</c> before the list, so an <c>ERROR</c> response throws before any item. Were it
    /// written after the list, the items read would already have been handed out and the error is thrown at the
    /// end. The network is read asynchronously only: each item is buffered with asynchronous reads, then parsed
    /// synchronously from memory. Each wait for more bytes is bounded by <see cref="XpmClientOptions.AttemptTimeout"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The request does not return a list.</exception>
    /// <exception cref="XpmException">XPM answered with an error, or with content that is not the expected XML.</exception>
    public async IAsyncEnumerable<T> StreamAsync<T>(XpmRequest<IReadOnlyList<T>> request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResponseReader is not IXpmListReader<T> list)
        {
            throw new ArgumentException($"{request.Endpoint} does not return a list that can be streamed.", nameof(request));
        }

        var call = CreateCall(request, streamed: true);
        using var scope = new XpmCallScope(call, _pipeline.Metrics, _timeProvider, _logger, _limits);
        using var items = await OpenStreamAsync(call, list, scope, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            (bool HasItem, T Item) next;
            try
            {
                next = await items.NextAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                scope.Complete(ex);
                throw;
            }

            if (!next.HasItem)
            {
                break;
            }

            yield return next.Item;
        }

        scope.Complete(error: null);
    }

    /// <summary>
    /// Sends a call the schema does not describe yet, for endpoints Xero adds before XpmGen has them, with
    /// everything else unchanged: token, tenant, limits, retries (reads only), envelope and error checks.
    /// </summary>
    /// <param name="method">The HTTP method. Only GET is retried after a failure, as for every call.</param>
    /// <param name="path">The path under the base address with its segments already escaped, for example <c>client.api/get/0f3c…</c>.</param>
    /// <param name="query">Query parameters, in XPM's wire formats; <see langword="null"/> for none.</param>
    /// <param name="body">The XML body (the root element, such as <c>&lt;Client&gt;</c>); <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payload of the <c>OK</c> response as XML, read with DTDs prohibited.</returns>
    /// <exception cref="XpmException">XPM answered with an error, or with content that is not an XPM envelope.</exception>
    public Task<XpmRawResponse> SendRawAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? query = null, XElement? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var trimmed = path.Trim();
        var endpoint = new XpmEndpoint("Raw", trimmed, method.Method, trimmed, Array.Empty<string>(), "A call the schema does not describe.");
        var request = new XpmRequest<XpmRawResponse>(
            endpoint,
            trimmed,
            query?.ToList() ?? (IReadOnlyList<KeyValuePair<string, string>>)Array.Empty<KeyValuePair<string, string>>(),
            body is null ? null : XpmRequestBody.Create(body.Name.LocalName, body, static (writer, element, _) => element.WriteTo(writer)),
            RawResponseReader.Instance);
        return SendAsync(request, cancellationToken);
    }

    /// <summary>The first setting of <paramref name="options"/> a client would refuse, as a message naming it; <see langword="null"/> when all are valid.</summary>
    internal static string? DescribeInvalidOptions(XpmClientOptions options) => XpmClientOptionsCheck.Describe(options);

    private async Task<XpmStreamedList<T>> OpenStreamAsync<T>(XpmCall call, IXpmListReader<T> list, XpmCallScope scope, CancellationToken cancellationToken)
    {
        XpmResponse? response = null;
        try
        {
            response = await _pipeline.SendAsync(call, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw XpmErrorFactory.FromErrorStatus(call, response, _timeProvider);
            }

            return new XpmStreamedList<T>(call, response, list, _pipeline.Transport, cancellationToken);
        }
        catch (Exception ex)
        {
            response?.Dispose();
            scope.Complete(ex);
            throw;
        }
    }

    private XpmCall CreateCall<TResponse>(XpmRequest<TResponse> request, bool streamed)
    {
        var relative = request.RelativeUri;
        if (relative.StartsWith('/') || relative.StartsWith('\\'))
        {
            throw new ArgumentException($"The request path '{request.Path}' must be relative to the base address (no leading '/').", nameof(request));
        }

        Uri uri;
        if (_lastUri is { } last && string.Equals(last.Relative, relative, StringComparison.Ordinal))
        {
            // Checked below when it was first built; a Uri is immutable, so calls can share it.
            uri = last.Uri;
        }
        else
        {
            // Concatenation, not new Uri(base, relative): the path can never replace the base's own path or host.
            uri = new Uri(_baseAddress.AbsoluteUri + relative, UriKind.Absolute);
            if (!uri.AbsoluteUri.StartsWith(_baseAddress.AbsoluteUri, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The request path '{request.Path}' leaves the base address.", nameof(request));
            }

            if (request.Query.Count == 0)
            {
                _lastUri = new CachedUri(relative, uri);
            }
        }

        return new XpmCall(request.Endpoint, request.Path, uri, request.Body is { } body ? SerializeBody(body) : null, _tenantId, streamed);
    }

    private static byte[] SerializeBody(XpmRequestBody body)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = XmlWriter.Create(buffer, BodyWriterSettings))
        {
            body.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private sealed record CachedUri(string Relative, Uri Uri);

    /// <summary>Takes the first payload element, whatever its name, as XML.</summary>
    private sealed class RawResponseReader : XpmResponseReader<XpmRawResponse>
    {
        public static readonly RawResponseReader Instance = new();

        public override string? ElementName => null;

        public override bool IsPayload(string localName) => true;

        public override XpmRawResponse ReadPayload(XmlReader reader) => new((XElement)XNode.ReadFrom(reader), null, null);

        public override XpmRawResponse WhenMissing() => new(null, null, null);

        public override XpmRawResponse Complete(XpmRawResponse value, XpmResponseEnvelope envelope) =>
            value with { WebUrl = envelope.WebUrl, ApiMethod = envelope.ApiMethod };
    }

    private static HttpClient CreateSharedHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };
}
