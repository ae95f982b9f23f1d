using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Http;

namespace XpmGen.Auth;

/// <summary>
/// The OAuth 2.0 authorization-code flow with PKCE against Xero's identity service: the authorize URL, the
/// code exchange, the refresh, and the list of connected tenants. Token values never appear in exception
/// messages.
/// </summary>
public sealed class XpmOAuthClient
{
    private const string OfflineAccess = "offline_access";

    private readonly HttpClient _httpClient;
    private readonly XpmOAuthOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client for the identity endpoints of <paramref name="options"/>.</summary>
    /// <param name="httpClient">The HTTP client to send through.</param>
    /// <param name="options">Client id and secret, redirect URI, scopes and endpoints.</param>
    /// <param name="timeProvider">The clock for token expiry; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A required setting is missing; the message names it.</exception>
    public XpmOAuthClient(HttpClient httpClient, XpmOAuthOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The settings the client was created with.</summary>
    public XpmOAuthOptions Options => _options;

    /// <summary>
    /// Starts a connection: builds the URL of Xero's consent page with a fresh state and an S256 PKCE challenge.
    /// Send the user there; Xero redirects back to <see cref="XpmOAuthOptions.RedirectUri"/> with <c>code</c> and <c>state</c>.
    /// </summary>
    /// <param name="state">The state to round-trip; a random one when <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException"><see cref="XpmOAuthOptions.RedirectUri"/> is not set.</exception>
    public XpmAuthorizationRequest CreateAuthorizationRequest(string? state = null)
    {
        var redirectUri = _options.RedirectUri ?? throw new InvalidOperationException($"{nameof(XpmOAuthOptions)}.{nameof(XpmOAuthOptions.RedirectUri)} is required to start the authorization flow.");
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        state ??= Base64Url(RandomNumberGenerator.GetBytes(16));
        var query = new XpmQuery()
            .Add("response_type", "code")
            .Add("client_id", _options.ClientId)
            .Add("redirect_uri", redirectUri.AbsoluteUri)
            .Add("scope", string.Join(" ", ScopesWithOfflineAccess()))
            .Add("state", state)
            .Add("code_challenge", challenge)
            .Add("code_challenge_method", "S256");
        var uri = new Uri(XpmQuery.AppendTo(_options.AuthorizeEndpoint.GetLeftPart(UriPartial.Path), query.Parameters));
        return new XpmAuthorizationRequest(uri, state, verifier);
    }

    /// <summary>Exchanges the code from Xero's redirect for the first token set.</summary>
    /// <param name="code">The <c>code</c> query parameter of the redirect.</param>
    /// <param name="codeVerifier">The <see cref="XpmAuthorizationRequest.CodeVerifier"/> of the request that started the flow.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="XpmReconnectRequiredException">The code is invalid, expired or already used.</exception>
    /// <exception cref="XpmOAuthException">The identity service refused the request for another reason.</exception>
    public Task<XpmTokenSet> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(codeVerifier);
        var redirectUri = _options.RedirectUri ?? throw new InvalidOperationException($"{nameof(XpmOAuthOptions)}.{nameof(XpmOAuthOptions.RedirectUri)} is required to exchange a code.");
        return RequestTokensAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri.AbsoluteUri,
                ["code_verifier"] = codeVerifier,
            },
            previousRefreshToken: null,
            cancellationToken);
    }

    /// <summary>
    /// Exchanges a refresh token for a new token set. Xero rotates the refresh token: persist the returned set
    /// before using it, and never refresh the same set from two places.
    /// </summary>
    /// <param name="refreshToken">The current refresh token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="XpmReconnectRequiredException">The refresh token is expired, revoked or already used (<c>invalid_grant</c>).</exception>
    /// <exception cref="XpmOAuthException">The identity service refused the request for another reason.</exception>
    public Task<XpmTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return RequestTokensAsync(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
            refreshToken,
            cancellationToken);
    }

    /// <summary>Lists the tenants the access token reaches (<c>GET /connections</c>).</summary>
    /// <param name="accessToken">An access token.</param>
    /// <param name="practicesOnly">Keep only XPM practices (<c>tenantType</c> <c>PRACTICEMANAGER</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="XpmUnauthorizedException">The access token was not accepted.</exception>
    /// <exception cref="XpmProtocolException">The answer is not the expected JSON.</exception>
    public async Task<IReadOnlyList<XpmConnection>> GetConnectionsAsync(string accessToken, bool practicesOnly = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, _options.ConnectionsEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (response, bytes) = await SendAsync(request, "connections", new[] { accessToken }, cancellationToken).ConfigureAwait(false);
        using var _ = response;
        var body = XpmBodyText.Decode(bytes, XpmBodyText.GetEncoding(response.Content));
        var context = Context(HttpMethod.Get, _options.ConnectionsEndpoint, response, XpmBodyText.Excerpt(body, accessToken), accessToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new XpmUnauthorizedException($"GET {_options.ConnectionsEndpoint.AbsolutePath} returned HTTP 401 (Unauthorized): the access token was not accepted.", context, detail: null);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new XpmHttpException($"GET {_options.ConnectionsEndpoint.AbsolutePath} returned HTTP {(int)response.StatusCode} ({response.StatusCode}).", context, detail: null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var connections = document.RootElement.EnumerateArray().Select(static item => new XpmConnection(
                GetString(item, "id") ?? string.Empty,
                GetString(item, "tenantId") ?? string.Empty,
                GetString(item, "tenantType") ?? string.Empty,
                GetString(item, "tenantName"),
                GetDate(item, "createdDateUtc"),
                GetDate(item, "updatedDateUtc")));
            return connections.Where(c => !practicesOnly || c.IsPracticeManager).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new XpmProtocolException($"GET {_options.ConnectionsEndpoint.AbsolutePath} did not return the expected JSON array of connections: {XpmBodyText.Cap(XpmBodyText.Redact(ex.Message, accessToken))}", context, null);
        }
    }

    private async Task<XpmTokenSet> RequestTokensAsync(Dictionary<string, string> form, string? previousRefreshToken, CancellationToken cancellationToken)
    {
        if (_options.ClientSecret is null)
        {
            form["client_id"] = _options.ClientId;
        }

        // Every value the server might echo back is withheld from messages: the refresh token, the code, the PKCE
        // verifier, the client secret and the Basic credentials built from it.
        string? credentials = null;
        if (_options.ClientSecret is { } secret)
        {
            credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(_options.ClientId) + ":" + Uri.EscapeDataString(secret)));
        }

        var secrets = new[]
        {
            form.GetValueOrDefault("refresh_token"), form.GetValueOrDefault("code"), form.GetValueOrDefault("code_verifier"),
            previousRefreshToken, _options.ClientSecret, credentials,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        var requestedAt = _timeProvider.GetUtcNow();
        var grant = form["grant_type"] == "refresh_token" ? "refresh" : "code exchange";
        var (response, bytes) = await SendAsync(request, grant, secrets, cancellationToken).ConfigureAwait(false);
        using var _ = response;
        var body = XpmBodyText.Decode(bytes, XpmBodyText.GetEncoding(response.Content));
        var path = _options.TokenEndpoint.AbsolutePath;
        if (!response.IsSuccessStatusCode)
        {
            var (error, description) = ParseError(body);
            error = Clean(error, secrets, 100);
            description = Clean(description, secrets, XpmBodyText.ExcerptLength);
            var context = Context(HttpMethod.Post, _options.TokenEndpoint, response, excerpt: null, secrets);
            var what = $"POST {path} returned HTTP {(int)response.StatusCode} ({response.StatusCode}){(error is null ? string.Empty : ": " + error)}{(description is null ? string.Empty : " (" + description + ")")}";
            if (error == "invalid_grant")
            {
                throw new XpmReconnectRequiredException(
                    what + ". The refresh token or code is expired, revoked or already used; the user must connect the practice again.",
                    context,
                    description);
            }

            throw new XpmOAuthException(what + ".", context, error, description);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var accessToken = GetString(root, "access_token") ?? throw new InvalidOperationException("it has no access_token");
            var expiresIn = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 1800;
            return new XpmTokenSet(
                accessToken,
                GetString(root, "refresh_token") ?? previousRefreshToken,
                requestedAt.AddSeconds(expiresIn),
                GetString(root, "scope"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // The body holds tokens: it is never quoted.
            var message = $"POST {path} returned HTTP {(int)response.StatusCode} but not the expected token JSON ({(ex is JsonException ? "not JSON" : "it has no usable access_token")}).";
            throw new XpmProtocolException(message, Context(HttpMethod.Post, _options.TokenEndpoint, response, excerpt: null, secrets), innerException: null);
        }
    }

    /// <summary>
    /// Sends one identity request and reads its (bounded) body under <see cref="XpmOAuthOptions.RequestTimeout"/>. A
    /// stall, a reset or a body cut short is an <see cref="XpmConnectionException"/> saying whether the request was sent
    /// (<see cref="XpmConnectionException.MayHaveBeenProcessed"/>): for a refresh, Xero may then have rotated the
    /// refresh token. The caller's own cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(HttpRequestMessage request, string what, string?[] secrets, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var result = await XpmBoundedBody.ReadAsync(response, XpmBoundedBody.MaxErrorBodyBytes, deadline.Token).ConfigureAwait(false);
            if (result.CutShort is { } cut)
            {
                throw Fault(request, what, response, cut, timedOut: false, secrets);
            }

            var body = new byte[result.Length];
            Array.Copy(result.Bytes, body, result.Length);
            return (response, body);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or System.IO.IOException or System.IO.InvalidDataException)
        {
            response?.Dispose();
            throw Fault(request, what, response, ex, timedOut: deadline.IsCancellationRequested || ex is OperationCanceledException, secrets);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private XpmConnectionException Fault(HttpRequestMessage request, string what, HttpResponseMessage? response, Exception exception, bool timedOut, string?[] secrets)
    {
        var sent = response is not null || XpmRetryRule.Classify(exception, callerCancelled: false) != XpmFailureKind.NotSent;
        var seconds = _options.RequestTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var reason = timedOut
            ? $"no complete answer within {seconds} s ({nameof(XpmOAuthOptions)}.{nameof(XpmOAuthOptions.RequestTimeout)} or the HttpClient's timeout)"
            : XpmBodyText.Cap(XpmBodyText.RedactAll(exception.Message, secrets)).TrimEnd('.');
        var advice = !sent
            ? "The connection could not be opened, so nothing was sent."
            : what == "refresh"
                ? "The request had been sent, so Xero may have carried out the refresh and rotated the refresh token."
                : "The request had been sent, so Xero may have carried it out.";
        var context = response is null
            ? new XpmErrorContext(null, request.Method, request.RequestUri?.AbsolutePath.TrimStart('/'), null, null, null)
            : Context(request.Method, request.RequestUri!, response, excerpt: null, secrets);

        // The inner exception is kept only when its message cannot hold a secret (transport messages name hosts, not tokens).
        return new XpmConnectionException($"{request.Method} {request.RequestUri?.AbsolutePath} ({what}) failed without a complete response: {reason}. {advice}", context, sent, new System.IO.IOException(XpmBodyText.RedactAll(exception.Message, secrets)), timedOut);
    }

    private static string? Clean(string? value, string?[] secrets, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : XpmBodyText.Cap(XpmBodyText.RedactAll(value.Trim(), secrets), max);

    private IEnumerable<string> ScopesWithOfflineAccess()
    {
        var scopes = _options.Scopes.Where(static s => !string.IsNullOrWhiteSpace(s)).Select(static s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (!scopes.Contains(OfflineAccess, StringComparer.Ordinal))
        {
            scopes.Add(OfflineAccess);
        }

        return scopes;
    }

    private static (string? Error, string? Description) ParseError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (GetString(document.RootElement, "error"), GetString(document.RootElement, "error_description"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? GetDate(JsonElement element, string name) =>
        GetString(element, name) is { } text && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    private static XpmErrorContext Context(HttpMethod method, Uri endpoint, HttpResponseMessage response, string? excerpt, params string?[] secrets) =>
        new(null, method, endpoint.AbsolutePath.TrimStart('/'), response.StatusCode, XpmResponseHeaders.SafeCorrelationId(XpmResponseHeaders.Get(response, XpmResponseHeaders.CorrelationIdHeader), secrets), excerpt);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
