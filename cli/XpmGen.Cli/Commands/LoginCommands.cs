using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;
using XpmGen.Cli.Auth;
using XpmGen.Cli.Output;

namespace XpmGen.Cli.Commands;

/// <summary>
/// <c>xpm login</c>, <c>xpm logout</c> and <c>xpm tenants [use &lt;id&gt;]</c>: the OAuth 2.0 authorization-code flow with
/// PKCE through a loopback redirect, and the stored login every command then uses (see <see cref="LoginStore"/>).
/// </summary>
internal static class LoginCommands
{
    /// <summary>The environment variable that holds the client id of the user's Xero app.</summary>
    public const string ClientIdVariable = "XPM_CLIENT_ID";

    /// <summary>The scopes requested unless <c>--scopes</c> is given: identity, XPM, and a refresh token.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["openid", "profile", "email", "practicemanager", "offline_access"];

    private const int DefaultTimeoutSeconds = 300;

    /// <summary>Adds <c>login</c>, <c>logout</c> and <c>tenants</c> to the root command.</summary>
    public static void AddTo(RootCommand root, CliContext cli)
    {
        root.Subcommands.Add(Login(cli));
        root.Subcommands.Add(Logout(cli));
        root.Subcommands.Add(Tenants(cli));
    }

    private static Command Login(CliContext cli)
    {
        var clientId = new Option<string?>("--client-id")
        {
            Description = "The client id of your Xero app (an auth-code-with-PKCE app) [default: " + ClientIdVariable + "].",
            HelpName = "id",
        };
        var identityUrl = new Option<string?>("--identity-url")
        {
            Description = "The base address of another identity server, such as the identity-url of xpm sandbox serve "
                + "(connect/authorize, connect/token, connect/revocation and connections under it) [default: Xero's].",
            HelpName = "url",
        };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = "The scopes to request, separated by spaces or commas [default: " + string.Join(' ', DefaultScopes) + "]. offline_access is always added.",
            HelpName = "scope",
            AllowMultipleArgumentsPerToken = true,
        };
        var redirectUri = new Option<string?>("--redirect-uri")
        {
            Description = "The redirect URI registered with the app, on 127.0.0.1 or localhost with a port; xpm listens there [default: a free 127.0.0.1 port].",
            HelpName = "uri",
        };
        var noBrowser = new Option<bool>("--no-browser")
        {
            Description = "Do not open a browser: print 'authorize-url: <url>' on standard output and wait for the redirect.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "How long to wait for the browser's redirect, in seconds.",
            HelpName = "seconds",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };

        var command = new Command("login", "Log in to Xero in the browser (OAuth 2.0 with PKCE) and keep the tokens, encrypted, for every later command. "
            + "Commands use the first connected practice unless --tenant, " + XpmSession.TenantIdVariable + " or xpm tenants use says otherwise.")
        {
            clientId, identityUrl, scopes, redirectUri, noBrowser, timeout,
        };
        command.SetAction((parse, cancellationToken) => LoginAsync(cli, parse, new LoginRequest(
            parse.GetValue(clientId),
            parse.GetValue(identityUrl),
            parse.GetValue(scopes),
            parse.GetValue(redirectUri),
            parse.GetValue(noBrowser),
            parse.GetValue(timeout)), cancellationToken));
        return command;
    }

    private static Command Logout(CliContext cli)
    {
        var command = new Command("logout", "Revoke the stored refresh token at the identity service and delete the stored login (tokens, key and settings).");
        command.SetAction((parse, cancellationToken) => LogoutAsync(cli, parse, cancellationToken));
        return command;
    }

    private static Command Tenants(CliContext cli)
    {
        var tenantId = new Argument<string>("tenant-id") { Description = "The tenant id of a practice of the stored login." };
        var use = new Command("use", "Make a practice of the stored login the default tenant.") { tenantId };
        use.SetAction((parse, cancellationToken) => RunAsync(cli, parse, () =>
        {
            var store = LoginStore.Locate(cli.Environment);
            var settings = store?.LoadSettings() ?? throw NotLoggedIn();
            var wanted = parse.GetValue(tenantId)?.Trim() ?? string.Empty;
            var tenant = settings.Tenants.FirstOrDefault(t => string.Equals(t.TenantId, wanted, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliUsageException(settings.Tenants.Count == 0
                    ? $"'{wanted}' is not a tenant of the stored login, which reaches no XPM practice."
                    : $"'{wanted}' is not a tenant of the stored login; it reaches {string.Join(", ", settings.Tenants)}.");
            store!.SaveSettings(new LoginSettings
            {
                ClientId = settings.ClientId,
                AuthorizeEndpoint = settings.AuthorizeEndpoint,
                TokenEndpoint = settings.TokenEndpoint,
                ConnectionsEndpoint = settings.ConnectionsEndpoint,
                RevocationEndpoint = settings.RevocationEndpoint,
                Tenants = settings.Tenants,
                DefaultTenant = tenant.TenantId,
                ApiBaseAddress = settings.ApiBaseAddress,
            });
            cli.Output.WriteLine("Default tenant: " + tenant);
        }, cancellationToken));

        var command = new Command("tenants", "List the practices the stored login reaches; the default one is used unless --tenant or " + XpmSession.TenantIdVariable + " is given.")
        {
            use,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(cli, parse, () =>
        {
            var settings = LoginStore.Locate(cli.Environment)?.LoadSettings() ?? throw NotLoggedIn();
            var json = CliContext.Json(writer => WriteTenants(writer, settings));
            if (cli.WantsXml(parse))
            {
                XmlOutput.Write(cli.Output, writer =>
                {
                    writer.WriteStartElement("Tenants");
                    foreach (var tenant in settings.Tenants)
                    {
                        writer.WriteStartElement("Tenant");
                        writer.WriteElementString("TenantID", tenant.TenantId);
                        writer.WriteElementString("TenantName", tenant.TenantName ?? string.Empty);
                        writer.WriteElementString("Default", ReferenceEquals(tenant, settings.Default) ? "true" : "false");
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                });
            }
            else if (string.Equals(parse.GetValue(cli.Options.Output), GlobalOptions.JsonFormat, StringComparison.OrdinalIgnoreCase))
            {
                cli.Output.WriteLine(json);
            }
            else
            {
                using var document = JsonDocument.Parse(json);
                JsonTable.Write(cli.Output, document.RootElement, cli.TableWidth);
            }
        }, cancellationToken));
        return command;
    }

    private static async Task<int> LoginAsync(CliContext cli, ParseResult parse, LoginRequest arguments, CancellationToken cancellationToken)
    {
        Uri? address = null;
        try
        {
            var clientId = (string.IsNullOrWhiteSpace(arguments.ClientId) ? cli.Environment(ClientIdVariable) : arguments.ClientId)?.Trim();
            if (string.IsNullOrEmpty(clientId))
            {
                throw new CliUsageException(
                    $"xpm login needs the client id of your Xero app: pass --client-id or set {ClientIdVariable}. "
                    + "Create an app of type 'Auth code with PKCE' at https://developer.xero.com/app/manage.");
            }

            var identityBase = arguments.IdentityUrl is null ? null : ParseUrl(arguments.IdentityUrl, "--identity-url");
            var registered = arguments.RedirectUri is null ? null : ParseUrl(arguments.RedirectUri, "--redirect-uri");
            if (arguments.TimeoutSeconds <= 0)
            {
                throw new CliUsageException($"--timeout must be a positive number of seconds; it is {arguments.TimeoutSeconds}.");
            }

            var scopes = (arguments.Scopes ?? [])
                .SelectMany(static s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();
            var store = LoginStore.Require(cli.Environment);
            var endpoints = LoginSettings.Endpoints(identityBase);

            LoopbackRedirectListener listener;
            try
            {
                listener = LoopbackRedirectListener.Start(registered);
            }
            catch (SocketException ex)
            {
                await cli.Error.WriteLineAsync($"xpm cannot listen for the redirect at {registered}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            using (listener)
            using (var httpClient = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }))
            {
                var options = new XpmOAuthOptions
                {
                    ClientId = clientId,
                    RedirectUri = listener.RedirectUri,
                    AuthorizeEndpoint = endpoints.Authorize,
                    TokenEndpoint = endpoints.Token,
                    ConnectionsEndpoint = endpoints.Connections,
                };
                foreach (var scope in scopes.Count > 0 ? scopes : DefaultScopes)
                {
                    options.Scopes.Add(scope);
                }

                var oauth = new XpmOAuthClient(httpClient, options);
                var authorization = oauth.CreateAuthorizationRequest();
                await AnnounceAsync(cli, authorization.AuthorizeUri, arguments.NoBrowser).ConfigureAwait(false);
                await cli.Error.WriteLineAsync($"Waiting for the redirect to {listener.RedirectUri} (up to {arguments.TimeoutSeconds} s; Ctrl+C to stop).").ConfigureAwait(false);

                var query = await WaitForRedirectAsync(listener, authorization.State, arguments.TimeoutSeconds, cancellationToken).ConfigureAwait(false);
                var code = CheckRedirect(query, authorization.State);

                address = endpoints.Token;
                var tokens = await oauth.ExchangeCodeAsync(code, authorization.CodeVerifier, cancellationToken).ConfigureAwait(false);
                address = endpoints.Connections;
                var connections = await oauth.GetConnectionsAsync(tokens.AccessToken, practicesOnly: true, cancellationToken).ConfigureAwait(false);
                var tenants = connections.Where(static c => !string.IsNullOrEmpty(c.TenantId)).Select(static c => new LoginTenant(c.TenantId, c.TenantName)).ToList();
                var settings = new LoginSettings
                {
                    ClientId = clientId,
                    AuthorizeEndpoint = endpoints.Authorize,
                    TokenEndpoint = endpoints.Token,
                    ConnectionsEndpoint = endpoints.Connections,
                    RevocationEndpoint = endpoints.Revocation,
                    Tenants = tenants,
                    DefaultTenant = ChooseDefault(tenants, parse.GetValue(cli.Options.Tenant), PreviousDefault(store)),
                    ApiBaseAddress = ApiBaseFor(parse.GetValue(cli.Options.BaseUrl), identityBase),
                };

                // A fresh key per login: whatever an earlier login left (even a damaged key) is replaced with the tokens.
                // Saved before anything is printed, and never cancelled halfway: the tokens are the only copy.
                var tokenStore = store.CreateTokens();
                await tokenStore.SaveAsync(LoginStore.TokenKey, tokens, CancellationToken.None).ConfigureAwait(false);
                store.SaveSettings(settings);
                await ReportAsync(cli, settings, identityBase).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }
        catch (HttpRequestException ex) when (address is not null)
        {
            await cli.Error.WriteLineAsync($"Could not reach the identity service at {address}: {Text.OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Network;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await cli.FailAsync(parse, ex, address, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AnnounceAsync(CliContext cli, Uri authorizeUri, bool noBrowser)
    {
        // The URL carries only the PKCE challenge and the state, never a secret, so it may be shown.
        if (!noBrowser && BrowserLauncher.TryOpen(authorizeUri))
        {
            await cli.Error.WriteLineAsync("Opened the browser at the login page. If it did not open, go to:\n  " + authorizeUri.AbsoluteUri).ConfigureAwait(false);
            return;
        }

        if (!noBrowser)
        {
            await cli.Error.WriteLineAsync("Could not open a browser; open the authorize-url below in one.").ConfigureAwait(false);
        }

        await cli.Output.WriteLineAsync("authorize-url: " + authorizeUri.AbsoluteUri).ConfigureAwait(false);
        await cli.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyDictionary<string, string>> WaitForRedirectAsync(LoopbackRedirectListener listener, string state, int timeoutSeconds, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            return await listener.WaitAsync(query => PageFor(query, state), wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LoginRequiredException($"No redirect arrived within {timeoutSeconds} seconds; nothing was stored. Run xpm login again.");
        }
    }

    /// <summary>The page the browser sees; the terminal gets the same verdict from <see cref="CheckRedirect"/>.</summary>
    private static RedirectPage PageFor(IReadOnlyDictionary<string, string> query, string state)
    {
        if (query.TryGetValue("error", out var error))
        {
            return new RedirectPage(400, "xpm login failed", $"The identity service answered '{error}'. Return to the terminal.");
        }

        return query.TryGetValue("state", out var received) && received == state && query.ContainsKey("code")
            ? new RedirectPage(200, "xpm login", "Authorization received. You can close this tab and return to the terminal.")
            : new RedirectPage(400, "xpm login refused this redirect", "It does not belong to the login that is waiting (its state does not match). Return to the terminal.");
    }

    /// <summary>Returns the code of a redirect that answers this login; anything else ends the login.</summary>
    private static string CheckRedirect(IReadOnlyDictionary<string, string> query, string state)
    {
        // An error needs no state check: nothing is exchanged either way.
        if (query.TryGetValue("error", out var error))
        {
            var description = query.TryGetValue("error_description", out var text) && !string.IsNullOrWhiteSpace(text) ? $" ({Text.OneLine(text)})" : string.Empty;
            throw new LoginRequiredException($"The identity service refused the login: {Text.OneLine(error)}{description}.");
        }

        // Constant-time is not needed (the state is single-use and local), but a missing state must never match.
        if (!query.TryGetValue("state", out var received) || received != state)
        {
            throw new LoginRequiredException("The redirect's state does not match this login (a stale or forged redirect); no code was exchanged. Run xpm login again.");
        }

        return query.TryGetValue("code", out var code) && !string.IsNullOrWhiteSpace(code)
            ? code
            : throw new LoginRequiredException("The redirect carried no authorization code. Run xpm login again.");
    }

    private static string? PreviousDefault(LoginStore store)
    {
        try
        {
            return store.LoadSettings()?.DefaultTenant;
        }
        catch (LoginRequiredException)
        {
            // A damaged earlier login is simply replaced.
            return null;
        }
    }

    /// <summary>--tenant when it is a connected practice, else the earlier default when still connected, else the first.</summary>
    private static string? ChooseDefault(IReadOnlyList<LoginTenant> tenants, string? requested, string? previous)
    {
        foreach (var wanted in new[] { requested?.Trim(), previous })
        {
            if (tenants.FirstOrDefault(t => string.Equals(t.TenantId, wanted, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return match.TenantId;
            }
        }

        return tenants.FirstOrDefault()?.TenantId;
    }

    /// <summary>
    /// The API that goes with a login: <c>--base-url</c> when given at login; for the XpmGen sandbox's identity fake on
    /// loopback (<c>http://127.0.0.1:N/identity/</c>) its API at <c>/practicemanager/3.1/</c> on the same port; otherwise
    /// none, and commands call Xero's API.
    /// </summary>
    internal static Uri? ApiBaseFor(string? baseUrl, Uri? identityBase)
    {
        if (baseUrl is not null && Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var given))
        {
            return given;
        }

        return identityBase is { IsLoopback: true } && identityBase.AbsolutePath.TrimEnd('/').EndsWith("/identity", StringComparison.Ordinal)
            ? new Uri(identityBase, "../practicemanager/3.1/")
            : null;
    }

    private static async Task ReportAsync(CliContext cli, LoginSettings settings, Uri? identityBase)
    {
        if (settings.Default is not { } chosen)
        {
            await cli.Output.WriteLineAsync("Logged in, but the login reaches no XPM practice.").ConfigureAwait(false);
            await cli.Error.WriteLineAsync("Connect a practice to the app in Xero (log in again and pick one), or pass --tenant to each command.").ConfigureAwait(false);
        }
        else
        {
            var others = settings.Tenants.Where(t => !ReferenceEquals(t, chosen)).ToList();
            await cli.Output.WriteLineAsync($"Logged in. Default tenant: {chosen}"
                + (others.Count == 0 ? "." : $"; also {string.Join(", ", others)} (xpm tenants use <id> to switch).")).ConfigureAwait(false);
        }

        if (settings.ApiBaseAddress is { } api)
        {
            await cli.Error.WriteLineAsync("Commands now call " + api + " (kept with the login; --base-url overrides it).").ConfigureAwait(false);
        }
        else if (identityBase is not null)
        {
            await cli.Error.WriteLineAsync("Logged in against " + identityBase + ": commands still call " + XpmClientOptions.DefaultBaseAddress
                + " unless --base-url names the matching API (for xpm sandbox serve, its base-url).").ConfigureAwait(false);
        }
    }

    private static async Task<int> LogoutAsync(CliContext cli, ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            var store = LoginStore.Locate(cli.Environment);
            if (store is null || !store.IsLoggedIn)
            {
                await cli.Error.WriteLineAsync("Not logged in; nothing to forget.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            string? problem;
            try
            {
                var settings = store.LoadSettings()!;
                var tokens = await store.OpenTokens().LoadAsync(LoginStore.TokenKey, cancellationToken).ConfigureAwait(false);
                if (tokens is null)
                {
                    problem = "no tokens were stored";
                }
                else
                {
                    // Revoking the refresh token ends the whole grant at Xero; with no refresh token, the access token is all there is.
                    using var httpClient = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };
                    problem = await TokenRevocation.RevokeAsync(
                        httpClient,
                        settings.RevocationEndpoint,
                        settings.ClientId,
                        tokens.RefreshToken ?? tokens.AccessToken,
                        tokens.RefreshToken is null ? "access_token" : "refresh_token",
                        cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is LoginRequiredException or XpmTokenStoreException)
            {
                problem = "the stored login could not be read: " + ex.Message;
            }

            store.Forget();
            if (problem is null)
            {
                await cli.Output.WriteLineAsync("Logged out: the refresh token was revoked and the stored login deleted.").ConfigureAwait(false);
            }
            else
            {
                await cli.Error.WriteLineAsync(
                    $"The token was not revoked ({Text.OneLine(problem)}); the stored login was deleted from this computer anyway. "
                    + "To end the grant, disconnect the app in Xero (https://go.xero.com/Settings/ConnectedApps) or let it expire.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await cli.FailAsync(parse, ex, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(CliContext cli, ParseResult parse, Action body, CancellationToken cancellationToken)
    {
        try
        {
            body();
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await cli.FailAsync(parse, ex, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteTenants(Utf8JsonWriter writer, LoginSettings settings)
    {
        writer.WriteStartArray();
        foreach (var tenant in settings.Tenants)
        {
            writer.WriteStartObject();
            writer.WriteString("tenantId", tenant.TenantId);
            writer.WriteString("tenantName", tenant.TenantName);
            writer.WriteBoolean("default", ReferenceEquals(tenant, settings.Default));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static CliUsageException NotLoggedIn() => new("Not logged in: run xpm login first (tenants are the practices of the stored login).");

    private static Uri ParseUrl(string value, string option) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new CliUsageException($"{option} must be an absolute http or https URL; it is '{value}'.");

    private sealed record LoginRequest(string? ClientId, string? IdentityUrl, string[]? Scopes, string? RedirectUri, bool NoBrowser, int TimeoutSeconds);
}
