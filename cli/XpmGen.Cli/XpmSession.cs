using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;
using XpmGen.Cli.Auth;
using XpmGen.Sandbox;

namespace XpmGen.Cli;

/// <summary>
/// The connection one command uses: an <see cref="XpmClient"/> for Xero or for an in-process <see cref="XpmSandbox"/> over
/// the demo practice, which it starts and, when disposed, stops. Credentials, first match wins: <c>--sandbox</c>; an access
/// token in <c>XPM_ACCESS_TOKEN</c>; the login <c>xpm login</c> stored (refreshed with rotation as needed). The tenant is
/// <c>--tenant</c>, else <c>XPM_TENANT_ID</c>, else the stored login's default. The API base address is always
/// <c>--base-url</c> or Xero's: a login made against another identity server (the sandbox's) needs <c>--base-url</c> too.
/// </summary>
internal sealed class XpmSession : IAsyncDisposable
{
    /// <summary>The environment variable that holds the OAuth 2.0 access token.</summary>
    public const string AccessTokenVariable = "XPM_ACCESS_TOKEN";

    /// <summary>The environment variable that holds the practice's tenant id.</summary>
    public const string TenantIdVariable = "XPM_TENANT_ID";

    private readonly HttpClient? _httpClient;
    private readonly XpmSandbox? _sandbox;
    private readonly IDisposable? _tokenProvider;

    private XpmSession(XpmClient client, HttpClient httpClient, IDisposable? tokenProvider = null)
    {
        Client = client;
        _httpClient = httpClient;
        _tokenProvider = tokenProvider;
    }

    private XpmSession(XpmClient client, XpmSandbox sandbox)
    {
        Client = client;
        _sandbox = sandbox;
    }

    /// <summary>The client to call XPM with.</summary>
    public XpmClient Client { get; }

    /// <summary>The API base address the client calls.</summary>
    public Uri BaseAddress => Client.BaseAddress;

    /// <summary>Whether the client calls the in-process sandbox.</summary>
    public bool IsSandbox => _sandbox is not null;

    /// <summary>Resolves the global options and the environment into a ready client.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="options">The global options to read from <paramref name="parseResult"/>.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="cancellationToken">Cancels starting the sandbox.</param>
    /// <exception cref="CliUsageException">The options contradict each other, or credentials are missing or malformed.</exception>
    public static async Task<XpmSession> OpenAsync(ParseResult parseResult, GlobalOptions options, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var useSandbox = parseResult.GetValue(options.Sandbox);
        var baseUrl = parseResult.GetValue(options.BaseUrl);
        var tenantOverride = parseResult.GetValue(options.Tenant);
        if (tenantOverride is not null && string.IsNullOrWhiteSpace(tenantOverride))
        {
            throw new CliUsageException("--tenant needs a tenant id; it is blank.");
        }

        if (useSandbox)
        {
            if (baseUrl is not null)
            {
                throw new CliUsageException("--sandbox and --base-url cannot be used together: the sandbox runs at its own address.");
            }

            return await OpenSandboxAsync(tenantOverride, cancellationToken).ConfigureAwait(false);
        }

        var baseAddress = baseUrl is null ? XpmClientOptions.DefaultBaseAddress : ParseBaseUrl(baseUrl);
        var accessToken = environment(AccessTokenVariable)?.Trim();
        var tenantId = tenantOverride ?? environment(TenantIdVariable)?.Trim();
        var login = LoginStore.Locate(environment) is { IsLoggedIn: true } store ? store : null;
        if (string.IsNullOrEmpty(accessToken) && login is not null)
        {
            return OpenStoredLogin(login, baseUrl is null ? null : baseAddress, string.IsNullOrEmpty(tenantId) ? null : tenantId);
        }

        if (string.IsNullOrEmpty(tenantId) && login is not null)
        {
            // A token from the environment may still take the stored login's default tenant.
            tenantId = login.LoadSettings()?.DefaultTenant;
        }

        var missing = new List<string>();
        if (string.IsNullOrEmpty(accessToken))
        {
            missing.Add(AccessTokenVariable);
        }

        if (string.IsNullOrEmpty(tenantId))
        {
            missing.Add(TenantIdVariable);
        }

        if (missing.Count > 0)
        {
            throw new CliUsageException(
                (string.IsNullOrEmpty(accessToken) ? "Not logged in: run xpm login, or set " : "Missing credentials: set ")
                + $"{string.Join(" and ", missing)} in the environment. "
                + $"{AccessTokenVariable} is an OAuth 2.0 access token with a Practice Manager scope; {TenantIdVariable} is the practice's tenant id "
                + "(from GET https://api.xero.com/connections), or pass --tenant. "
                + "To try xpm without a Xero account, add --sandbox to use the built-in demo practice.");
        }

        // Checked here so that a bad token is a usage error; the token itself is never echoed.
        foreach (var c in accessToken!)
        {
            if (c is <= ' ' or > '~')
            {
                throw new CliUsageException($"{AccessTokenVariable} is not a valid access token: it contains white space or characters that are not visible ASCII.");
            }
        }

        var httpClient = NewHttpClient();
        try
        {
            return new XpmSession(CreateClient(httpClient, baseAddress, new StaticAccessTokenProvider(accessToken), tenantId!), httpClient);
        }
        catch
        {
            httpClient.Dispose();
            throw;
        }
    }

    /// <summary>Stops the sandbox, if one was started, and releases the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _tokenProvider?.Dispose();
        _httpClient?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<XpmSession> OpenSandboxAsync(string? tenantOverride, CancellationToken cancellationToken)
    {
        var sandbox = await XpmSandbox.StartAsync(new XpmSandboxOptions(), cancellationToken).ConfigureAwait(false);
        try
        {
            // The sandbox's client has its own rate limiter; only the retries and, with --tenant, the tenant change.
            var client = Checked(() => sandbox.CreateClient(options =>
            {
                options.Retry = TerminalRetry();
                if (tenantOverride is not null)
                {
                    options.TenantId = tenantOverride;
                }
            }));
            return new XpmSession(client, sandbox);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The login <c>xpm login</c> stored: its tokens through <see cref="StoredLoginTokenProvider"/> (a refresh saves the
    /// rotated set before it is used; a refused refresh token asks for <c>xpm login</c>), its identity endpoints for the
    /// refresh, and its default tenant unless one was given.
    /// </summary>
    private static XpmSession OpenStoredLogin(LoginStore login, Uri? explicitBaseAddress, string? tenantId)
    {
        var settings = login.LoadSettings() ?? throw new LoginRequiredException("The stored login disappeared while xpm read it. Run xpm login again.");
        var baseAddress = explicitBaseAddress ?? settings.ApiBaseAddress ?? XpmClientOptions.DefaultBaseAddress;
        tenantId ??= settings.DefaultTenant;
        if (string.IsNullOrEmpty(tenantId))
        {
            throw new CliUsageException($"The stored login reaches no XPM practice, so there is no default tenant: pass --tenant or set {TenantIdVariable}, or run xpm login again and connect a practice.");
        }

        var tokens = login.OpenTokens();
        var httpClient = NewHttpClient();
        StoredLoginTokenProvider? provider = null;
        try
        {
            provider = new StoredLoginTokenProvider(new XpmOAuthClient(httpClient, settings.ToOAuthOptions()), tokens);
            return new XpmSession(CreateClient(httpClient, baseAddress, provider, tenantId), httpClient, provider);
        }
        catch
        {
            provider?.Dispose();
            httpClient.Dispose();
            throw;
        }
    }

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });

    private static XpmClient CreateClient(HttpClient httpClient, Uri baseAddress, IXpmAccessTokenProvider accessTokenProvider, string tenantId) =>
        Checked(() => new XpmClient(httpClient, new XpmClientOptions
        {
            BaseAddress = baseAddress,
            TenantId = tenantId,
            AccessTokenProvider = accessTokenProvider,
            Retry = TerminalRetry(),
            // One command is one process in real use; a limiter per session keeps in-process runs independent.
            RateLimiter = new XpmRateLimiter(),
        }));

    // Someone is waiting at the terminal: retry briefly, and never a long rate-limit wait.
    private static XpmRetryOptions TerminalRetry() =>
        new() { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(300), MaxRetryAfter = TimeSpan.FromSeconds(10) };

    /// <summary>Creates a client, turning a refused setting into a usage error.</summary>
    private static XpmClient Checked(Func<XpmClient> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException ex)
        {
            // The runtime's messages name the setting, never the token.
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new CliUsageException(message);
        }
    }

    private static Uri ParseBaseUrl(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliUsageException($"--base-url must be an absolute http or https URL, for example {XpmClientOptions.DefaultBaseAddress}; it is '{value}'.");
        }

        return uri;
    }
}
