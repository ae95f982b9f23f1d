using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using XpmGen.Diagnostics;
using XpmGen.Http;
using XpmGen.Serialization;

namespace XpmGen;

/// <summary>
/// The XPM API client. Resource facades such as <c>Clients</c> and <c>Jobs</c> are generated from the
/// schema as properties of this class; <see cref="SendAsync{TResponse}"/> sends any request they build.
/// </summary>
/// <remarks>
/// The client is thread-safe and holds no per-call state; share one instance per practice. The settings of
/// <see cref="XpmClientOptions"/> are read once, when the client is created.
/// </remarks>
public sealed partial class XpmClient
{
    /// <summary>How many bytes of a success body are kept to show in an exception when the body is not XML.</summary>
    private const int CapturedBodyBytes = 4096;

    private const string TenantIdHeader = "xero-tenant-id";

    private static readonly ProductInfoHeaderValue UserAgent = new("XpmGen", GetVersion());

    private static readonly MediaTypeWithQualityHeaderValue AcceptXml = new("application/xml");

    private static readonly MediaTypeWithQualityHeaderValue AcceptTextXml = new("text/xml");

    private static readonly XmlWriterSettings BodyWriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Document,
        Indent = false,
        CloseOutput = false,
    };

    private static readonly Lazy<HttpClient> SharedHttpClient = new(CreateSharedHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HttpClient _httpClient;
    private readonly Uri _baseAddress;
    private readonly string? _tenantId;
    private readonly IXpmAccessTokenProvider _accessTokenProvider;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ResiliencePipeline<HttpResponseMessage> _retryPipeline;
    private readonly XpmRateLimiter _rateLimiter;
    private readonly ILogger _logger;

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
    /// <param name="options">Base address, tenant, access token, retries and rate limiter.</param>
    /// <param name="logger">Receives one event per call (endpoint, tenant, status, duration, correlation id, remaining limits) and per retry; never a token.</param>
    /// <exception cref="ArgumentException">A setting is missing or wrong; the message names it.</exception>
    public XpmClient(HttpClient httpClient, XpmClientOptions options, ILogger<XpmClient>? logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (DescribeInvalidOptions(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _httpClient = httpClient;
        _accessTokenProvider = options.AccessTokenProvider!;
        _baseAddress = NormalizeBaseAddress(options.BaseAddress);
        _tenantId = NormalizeTenantId(options.TenantId);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _retryPipeline = XpmRetryPipeline.Create(options.Retry, _timeProvider, _logger);
        _rateLimiter = options.RateLimiter;
    }

    // A handle for another tenant of the same connection: everything is shared but the tenant header.
    private XpmClient(XpmClient source, string tenantId)
    {
        _httpClient = source._httpClient;
        _baseAddress = source._baseAddress;
        _accessTokenProvider = source._accessTokenProvider;
        _timeProvider = source._timeProvider;
        _retryPipeline = source._retryPipeline;
        _rateLimiter = source._rateLimiter;
        _logger = source._logger;
        _tenantId = NormalizeTenantId(tenantId);
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
    /// The body is read off the network asynchronously, then parsed from memory with a secure synchronous
    /// reader (DTDs prohibited, nothing resolved); use the generated <c>Stream{Name}Async</c> methods or
    /// <see cref="StreamAsync{T}"/> to read large lists without buffering them. An error body is read up to 64 KB only.
    /// </remarks>
    /// <exception cref="XpmApiException">The response's <c>Status</c> is <c>ERROR</c>, with HTTP 200 or an error status.</exception>
    /// <exception cref="XpmUnauthorizedException">HTTP 401: the access token was not accepted.</exception>
    /// <exception cref="XpmForbiddenException">HTTP 403: wrong tenant, or no scope the endpoint accepts.</exception>
    /// <exception cref="XpmRateLimitException">HTTP 429: a rate limit was exceeded.</exception>
    /// <exception cref="XpmServiceUnavailableException">HTTP 503.</exception>
    /// <exception cref="XpmHttpException">Another non-success status.</exception>
    /// <exception cref="XpmProtocolException">The body is not the XML the endpoint returns, or it was cut short.</exception>
    /// <exception cref="XpmConnectionException">No response arrived, after any retries that were safe; it says whether XPM may have processed the request.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, or the <see cref="HttpClient"/> timed out.</exception>
    /// <exception cref="InvalidOperationException">The access token provider returned a blank or malformed token.</exception>
    public async Task<TResponse> SendAsync<TResponse>(XpmRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = StartActivity(request.Endpoint);
        var started = _timeProvider.GetTimestamp();
        var exchange = new ExchangeInfo();
        try
        {
            var result = await SendCoreAsync(request, exchange, cancellationToken).ConfigureAwait(false);
            Record(request, exchange, started, activity, error: null);
            return result;
        }
        catch (Exception ex)
        {
            Record(request, exchange, started, activity, ex);
            throw;
        }
    }

    private async Task<TResponse> SendCoreAsync<TResponse>(XpmRequest<TResponse> request, ExchangeInfo exchange, CancellationToken cancellationToken)
    {
        var requestUri = BuildRequestUri(request);
        var accessToken = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);

        var body = request.Body is { } requestBody ? SerializeBody(requestBody) : null;

        // One of the tenant's concurrent slots is held until the response has been read.
        using var slot = await _rateLimiter.AcquireCallAsync(_tenantId, new XpmErrorContext(request.Endpoint, request.Method, request.Path, null, null, null), cancellationToken).ConfigureAwait(false);
        using var response = await SendWithRetriesAsync(request, requestUri, accessToken, body, cancellationToken).ConfigureAwait(false);
        exchange.StatusCode = (int)response.StatusCode;
        exchange.CorrelationId = XpmErrorFactory.GetCorrelationId(response);

        // Synchronous payload readers cannot observe the token, so cancelling aborts the response instead, which
        // fails the read in progress; the exception is then reported as the cancellation it is.
        using var abortOnCancel = cancellationToken.UnsafeRegister(static state => ((HttpResponseMessage)state!).Dispose(), response);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await XpmErrorFactory.FromErrorStatusAsync(request, response, accessToken, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            return await ReadResponseAsync(request, response, accessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException and not XpmException)
        {
            throw new OperationCanceledException($"{request.Method.Method} {request.Path} was cancelled while its response was being read.", ex, cancellationToken);
        }
    }

    private Activity? StartActivity(XpmEndpoint endpoint)
    {
        var activity = XpmTelemetry.ActivitySource.StartActivity("XPM " + endpoint, ActivityKind.Client);
        activity?.SetTag("http.request.method", endpoint.Method.Method);
        activity?.SetTag("url.template", endpoint.PathTemplate);
        activity?.SetTag("xpm.tenant_id", _tenantId);
        return activity;
    }

    private void Record<TResponse>(XpmRequest<TResponse> request, ExchangeInfo exchange, long started, Activity? activity, Exception? error)
    {
        var elapsed = _timeProvider.GetElapsedTime(started);
        var endpoint = request.Endpoint.ToString();
        var tags = new TagList
        {
            { "http.request.method", request.Method.Method },
            { "xpm.endpoint", endpoint },
            { "http.response.status_code", exchange.StatusCode },
        };
        if (exchange.StatusCode is not null)
        {
            XpmTelemetry.Requests.Add(1, tags);
        }

        XpmTelemetry.Duration.Record(elapsed.TotalSeconds, tags);
        activity?.SetTag("http.response.status_code", exchange.StatusCode);
        activity?.SetTag("xero.correlation_id", exchange.CorrelationId);
        if (error is null)
        {
            var limits = RateLimitStatus;
            XpmLog.CallCompleted(_logger, request.Method.Method, request.Path, _tenantId, exchange.StatusCode ?? 0, elapsed.TotalMilliseconds, exchange.CorrelationId, limits?.MinuteRemaining, limits?.DayRemaining, limits?.AppMinuteRemaining);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            XpmLog.CallFailed(_logger, request.Method.Method, request.Path, _tenantId, elapsed.TotalMilliseconds, error.GetType().Name, exchange.StatusCode, exchange.CorrelationId);
        }
    }

    /// <summary>What one call learned from its last response, for logs and metrics.</summary>
    private sealed class ExchangeInfo
    {
        public int? StatusCode { get; set; }

        public string? CorrelationId { get; set; }
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
    /// end. Items are parsed synchronously from the buffered stream, as every payload is.
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

        using var activity = StartActivity(request.Endpoint);
        var started = _timeProvider.GetTimestamp();
        var exchange = new ExchangeInfo();
        var open = await OpenStreamAsync(request, list, exchange, started, activity, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var (hasItem, item) = await open.NextAsync().ConfigureAwait(false);
                if (!hasItem)
                {
                    break;
                }

                yield return item;
            }

            Record(request, exchange, started, activity, error: null);
        }
        finally
        {
            open.Dispose();
        }
    }

    private async Task<OpenListStream<T>> OpenStreamAsync<T>(XpmRequest<IReadOnlyList<T>> request, IXpmListReader<T> list, ExchangeInfo exchange, long started, Activity? activity, CancellationToken cancellationToken)
    {
        IDisposable? slot = null;
        HttpResponseMessage? response = null;
        try
        {
            var requestUri = BuildRequestUri(request);
            var accessToken = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            slot = await _rateLimiter.AcquireCallAsync(_tenantId, new XpmErrorContext(request.Endpoint, request.Method, request.Path, null, null, null), cancellationToken).ConfigureAwait(false);
            response = await SendWithRetriesAsync(request, requestUri, accessToken, body: null, cancellationToken).ConfigureAwait(false);
            exchange.StatusCode = (int)response.StatusCode;
            exchange.CorrelationId = XpmErrorFactory.GetCorrelationId(response);
            if (!response.IsSuccessStatusCode)
            {
                throw await XpmErrorFactory.FromErrorStatusAsync(request, response, accessToken, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var body = new CapturingReadStream(stream, CapturedBodyBytes);
            var items = new XpmListStream<T>(XpmXml.CreateReader(body, async: true), list, cancellationToken);
            return new OpenListStream<T>(this, request, exchange, started, activity, slot, response, body, items, accessToken, cancellationToken);
        }
        catch (Exception ex)
        {
            response?.Dispose();
            slot?.Dispose();
            Record(request, exchange, started, activity, ex);
            throw;
        }
    }

    /// <summary>An open list response: reads items, turns read failures into the taxonomy, checks the status at the end.</summary>
    private sealed class OpenListStream<T>(
        XpmClient client,
        XpmRequest<IReadOnlyList<T>> request,
        ExchangeInfo exchange,
        long started,
        Activity? activity,
        IDisposable slot,
        HttpResponseMessage response,
        CapturingReadStream body,
        XpmListStream<T> items,
        string accessToken,
        CancellationToken cancellationToken) : IDisposable
    {
        // Synchronous item readers cannot observe the token; cancelling aborts the response instead.
        private readonly CancellationTokenRegistration _abortOnCancel = cancellationToken.UnsafeRegister(static state => ((HttpResponseMessage)state!).Dispose(), response);

        public async ValueTask<(bool HasItem, T Item)> NextAsync()
        {
            try
            {
                var next = await items.NextAsync().ConfigureAwait(false);
                if (!next.HasItem)
                {
                    CheckEnvelope();
                }

                return next;
            }
            catch (Exception ex) when (ex is not XpmException)
            {
                var failure = cancellationToken.IsCancellationRequested
                    ? new OperationCanceledException($"{request.Method.Method} {request.Path} was cancelled while its response was being read.", ex, cancellationToken)
                    : ex is XmlException or FormatException or IOException or HttpRequestException
                        ? XpmErrorFactory.Protocol(request, response, XpmErrorFactory.ExplainReadFailure(ex, body), body, ex, accessToken)
                        : ex;
                client.Record(request, exchange, started, activity, failure);
                if (ReferenceEquals(failure, ex))
                {
                    throw;
                }

                throw failure;
            }
            catch (XpmException ex)
            {
                client.Record(request, exchange, started, activity, ex);
                throw;
            }
        }

        public void Dispose()
        {
            _abortOnCancel.Dispose();
            items.Dispose();
            response.Dispose();
            slot.Dispose();
        }

        private void CheckEnvelope()
        {
            var envelope = items.Envelope;
            if (XpmEnvelopeReader.IsError(envelope.Status))
            {
                throw XpmErrorFactory.FromErrorEnvelope(request, response, envelope, accessToken);
            }

            if (!XpmEnvelopeReader.IsOk(envelope.Status))
            {
                var problem = envelope.Status is null ? "the <Response> has no <Status> element" : $"the <Status> is neither OK nor ERROR";
                throw XpmErrorFactory.Protocol(request, response, problem, body, null, accessToken);
            }
        }
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

    private async Task<HttpResponseMessage> SendWithRetriesAsync<TResponse>(XpmRequest<TResponse> request, Uri requestUri, string accessToken, byte[]? body, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(XpmRetryPipeline.IsIdempotent, request.Endpoint.IsIdempotent);
        context.Properties.Set(XpmRetryPipeline.CallName, (request.Method.Method, request.Path, _tenantId));
        try
        {
            return await _retryPipeline.ExecuteAsync(
                static (context, state) => state.Client.SendOnceAsync(state.Request, state.Uri, state.AccessToken, state.Body, context.CancellationToken),
                context,
                (Client: this, Request: (IXpmRequestInfo)new RequestInfo(request.Endpoint, request.Path), Uri: requestUri, AccessToken: accessToken, Body: body)).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var sent = !XpmRetryPipeline.WasNotSent(ex);
            var what = XpmErrorFactory.Describe(request.Method, request.Path);
            var advice = !sent
                ? "The connection could not be opened, so nothing was sent."
                : request.Endpoint.IsIdempotent
                    ? "The read was retried and still failed."
                    : "The request had been sent and XPM may have processed it; it was not sent again because XPM has no idempotency key. Check XPM before repeating it.";
            var reason = XpmBodyText.Redact(ex.Message, accessToken);
            throw new XpmConnectionException(
                $"{what} failed without a response: {reason} {advice}",
                new XpmErrorContext(request.Endpoint, request.Method, request.Path, null, null, null),
                sent,
                ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(IXpmRequestInfo request, Uri requestUri, string accessToken, byte[]? body, CancellationToken cancellationToken)
    {
        // Every attempt counts against XPM's per-minute limits.
        var paused = await _rateLimiter.AcquireAttemptAsync(_tenantId, new XpmErrorContext(request.Endpoint, request.Endpoint.Method, request.Path, null, null, null), cancellationToken).ConfigureAwait(false);
        if (paused > TimeSpan.Zero)
        {
            XpmLog.ThrottledWait(_logger, request.Endpoint.Method.Method, request.Path, _tenantId, paused.TotalMilliseconds);
        }

        // A message is sent once only, so every attempt builds its own.
        using var message = new HttpRequestMessage(request.Endpoint.Method, requestUri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (_tenantId is not null)
        {
            message.Headers.TryAddWithoutValidation(TenantIdHeader, _tenantId);
        }

        message.Headers.Accept.Add(AcceptXml);
        message.Headers.Accept.Add(AcceptTextXml);
        message.Headers.UserAgent.Add(UserAgent);
        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            message.Content = content;
        }

        var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        _rateLimiter.Observe(_tenantId, response);
        return response;
    }

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

    private interface IXpmRequestInfo
    {
        XpmEndpoint Endpoint { get; }

        string Path { get; }
    }

    private sealed record RequestInfo(XpmEndpoint Endpoint, string Path) : IXpmRequestInfo;

    private async Task<TResponse> ReadResponseAsync<TResponse>(XpmRequest<TResponse> request, HttpResponseMessage response, string accessToken, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var body = new CapturingReadStream(stream, CapturedBodyBytes);
        XpmEnvelopeContent<TResponse> content;
        try
        {
            // The body is read off the network asynchronously, then parsed synchronously from memory: an
            // asynchronous XmlReader allocates large buffers per document, which dominates small calls.
            // Large lists that should not be buffered have Stream{Name}Async.
            var length = response.Content.Headers.ContentLength;
            using var buffer = new MemoryStream(length is > 0 and < 16 * 1024 * 1024 ? (int)length.Value : 0);
            await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            using var reader = XpmXml.CreateReader(buffer);
            content = XpmEnvelopeReader.Read(reader, request.ResponseReader, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is XmlException or FormatException or IOException or HttpRequestException)
        {
            throw XpmErrorFactory.Protocol(request, response, XpmErrorFactory.ExplainReadFailure(ex, body), body, ex, accessToken);
        }

        var envelope = content.Envelope;
        if (XpmEnvelopeReader.IsError(envelope.Status))
        {
            throw XpmErrorFactory.FromErrorEnvelope(request, response, envelope, accessToken);
        }

        if (!XpmEnvelopeReader.IsOk(envelope.Status))
        {
            var problem = envelope.Status is null
                ? "the <Response> has no <Status> element"
                : $"the <Status> is '{XpmBodyText.Redact(Truncate(envelope.Status), accessToken)}', neither OK nor ERROR";
            throw XpmErrorFactory.Protocol(request, response, problem, body, null, accessToken);
        }

        try
        {
            var payload = content.HasPayload ? content.Payload : request.ResponseReader.WhenMissing();
            return request.ResponseReader.Complete(payload, envelope);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            throw XpmErrorFactory.Protocol(request, response, "the payload is missing or incomplete", body: null, ex, accessToken);
        }
    }

    private async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var token = (await _accessTokenProvider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException($"The access token provider ({_accessTokenProvider.GetType().Name}) returned no access token.");
        }

        foreach (var c in token)
        {
            // Bearer tokens are visible ASCII; anything else would corrupt the header (and must not be echoed).
            if (c is <= ' ' or > '~')
            {
                throw new InvalidOperationException($"The access token provider ({_accessTokenProvider.GetType().Name}) returned a token with white space or characters that are not visible ASCII.");
            }
        }

        return token;
    }

    private Uri BuildRequestUri<TResponse>(XpmRequest<TResponse> request)
    {
        var relative = request.RelativeUri;
        if (relative.StartsWith('/') || relative.StartsWith('\\'))
        {
            throw new ArgumentException($"The request path '{request.Path}' must be relative to the base address (no leading '/').", nameof(request));
        }

        // Concatenation, not new Uri(base, relative): the path can never replace the base's own path or host.
        var uri = new Uri(_baseAddress.AbsoluteUri + relative, UriKind.Absolute);
        if (!uri.AbsoluteUri.StartsWith(_baseAddress.AbsoluteUri, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The request path '{request.Path}' leaves the base address.", nameof(request));
        }

        return uri;
    }

    private static byte[] SerializeBody(XpmRequestBody body)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, BodyWriterSettings))
        {
            body.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>The first setting of <paramref name="options"/> a client would refuse, as a message naming it; <see langword="null"/> when all are valid.</summary>
    internal static string? DescribeInvalidOptions(XpmClientOptions options)
    {
        if (options.AccessTokenProvider is null)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.AccessTokenProvider)} is required: set it to an {nameof(IXpmAccessTokenProvider)} (for example a {nameof(StaticAccessTokenProvider)}) that supplies the OAuth 2.0 access token.";
        }

        if (options.Retry is null)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.Retry)} must not be null; use {nameof(XpmRetryOptions)}.{nameof(XpmRetryOptions.None)} to turn retries off.";
        }

        if (options.RateLimiter is null)
        {
            return $"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.RateLimiter)} must not be null; the default is {nameof(XpmRateLimiter)}.{nameof(XpmRateLimiter.Shared)}.";
        }

        if (options.Retry.Validate() is { } retryProblem)
        {
            return retryProblem;
        }

        try
        {
            NormalizeBaseAddress(options.BaseAddress);
            NormalizeTenantId(options.TenantId);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" (Parameter", 2)[0];
        }
    }

    private static Uri NormalizeBaseAddress(Uri? baseAddress)
    {
        const string setting = nameof(XpmClientOptions) + "." + nameof(XpmClientOptions.BaseAddress);
        if (baseAddress is null)
        {
            throw new ArgumentException($"{setting} is required, for example {XpmClientOptions.DefaultBaseAddress}.", "options");
        }

        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{setting} must be an absolute http or https URI, for example {XpmClientOptions.DefaultBaseAddress}; it is '{baseAddress.OriginalString}'.", "options");
        }

        if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
        {
            throw new ArgumentException($"{setting} must not have a query or a fragment; it is '{baseAddress.OriginalString}'.", "options");
        }

        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/", UriKind.Absolute);
    }

    private static string? NormalizeTenantId(string? tenantId)
    {
        if (tenantId is null)
        {
            return null;
        }

        var trimmed = tenantId.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException($"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.TenantId)} must be null (no xero-tenant-id header) or a tenant id, not blank.", "options");
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"{nameof(XpmClientOptions)}.{nameof(XpmClientOptions.TenantId)} must not contain control characters.", "options");
            }
        }

        return trimmed;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static string GetVersion()
    {
        var version = typeof(XpmClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(XpmClient).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
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
