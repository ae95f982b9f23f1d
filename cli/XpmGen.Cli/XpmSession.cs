using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Sandbox;

namespace XpmGen.Cli;

/// <summary>
/// The connection one command uses: an <see cref="XpmClient"/> for Xero (credentials from the environment)
/// or for an in-process <see cref="XpmSandbox"/> over the demo practice, which it starts and, when disposed, stops.
/// </summary>
internal sealed class XpmSession : IAsyncDisposable
{
    /// <summary>The environment variable that holds the OAuth 2.0 access token.</summary>
    public const string AccessTokenVariable = "XPM_ACCESS_TOKEN";

    /// <summary>The environment variable that holds the practice's tenant id.</summary>
    public const string TenantIdVariable = "XPM_TENANT_ID";

    private readonly HttpClient? _httpClient;
    private readonly XpmSandbox? _sandbox;

    private XpmSession(XpmClient client, HttpClient httpClient)
    {
        Client = client;
        _httpClient = httpClient;
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
                $"Missing credentials: set {string.Join(" and ", missing)} in the environment. "
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

        var httpClient = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        try
        {
            return new XpmSession(CreateClient(httpClient, baseAddress, accessToken, tenantId!), httpClient);
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

    private static XpmClient CreateClient(HttpClient httpClient, Uri baseAddress, string accessToken, string tenantId) =>
        Checked(() => new XpmClient(httpClient, new XpmClientOptions
        {
            BaseAddress = baseAddress,
            TenantId = tenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(accessToken),
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
