using System;
using System.Collections.Generic;

namespace XpmGen.Auth;

/// <summary>Settings of the OAuth 2.0 authorization-code flow with Xero's identity service.</summary>
public sealed class XpmOAuthOptions
{
    /// <summary>Xero's authorize endpoint, where the user is sent to connect a practice.</summary>
    public static readonly Uri DefaultAuthorizeEndpoint = new("https://login.xero.com/identity/connect/authorize");

    /// <summary>Xero's token endpoint, where codes and refresh tokens are exchanged for tokens.</summary>
    public static readonly Uri DefaultTokenEndpoint = new("https://identity.xero.com/connect/token");

    /// <summary>Xero's connections endpoint, which lists the tenants an access token reaches.</summary>
    public static readonly Uri DefaultConnectionsEndpoint = new("https://api.xero.com/connections");

    /// <summary>The app's client id from the Xero developer portal. Required.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The app's client secret; leave it <see langword="null"/> for a public (PKCE-only) client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The redirect URI registered for the app, where Xero sends the user back with the code. Required.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// The scopes to request, for example from <see cref="XpmScopes.Minimal(XpmEndpoint[])"/>. <c>offline_access</c> is
    /// added when missing, since without it Xero issues no refresh token.
    /// </summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>The authorize endpoint; change it only to point tests at a fake.</summary>
    public Uri AuthorizeEndpoint { get; set; } = DefaultAuthorizeEndpoint;

    /// <summary>The token endpoint; change it only to point tests at a fake.</summary>
    public Uri TokenEndpoint { get; set; } = DefaultTokenEndpoint;

    /// <summary>The connections endpoint; change it only to point tests at a fake.</summary>
    public Uri ConnectionsEndpoint { get; set; } = DefaultConnectionsEndpoint;

    /// <summary>
    /// Points the authorize, token and connections endpoints at one identity server, such as the XpmGen sandbox:
    /// <c>{identityBase}connect/authorize</c>, <c>{identityBase}connect/token</c> and <c>{identityBase}connections</c>.
    /// </summary>
    /// <param name="identityBase">The server's base address; a missing final slash is added.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="identityBase"/> is not an absolute URI.</exception>
    public XpmOAuthOptions UseIdentityServer(Uri identityBase)
    {
        ArgumentNullException.ThrowIfNull(identityBase);
        if (!identityBase.IsAbsoluteUri)
        {
            throw new ArgumentException("The identity server's base address must be an absolute URI.", nameof(identityBase));
        }

        var root = identityBase.AbsoluteUri.EndsWith('/') ? identityBase : new Uri(identityBase.AbsoluteUri + "/");
        AuthorizeEndpoint = new Uri(root, "connect/authorize");
        TokenEndpoint = new Uri(root, "connect/token");
        ConnectionsEndpoint = new Uri(root, "connections");
        return this;
    }

    /// <summary>
    /// How long before its expiry an access token is refreshed, so that a request never leaves with a token that
    /// expires in flight. Default: 2 minutes (Xero access tokens live 30).
    /// </summary>
    public TimeSpan RefreshSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one request to the identity service (token, connections) may take, headers and body: a stalled or
    /// silent token endpoint ends as an <see cref="XpmConnectionException"/> instead of hanging the callers waiting
    /// for a refresh. Default: 30 seconds.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the settings and returns a message naming the first one that is missing or wrong.</summary>
    internal string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ClientId))
        {
            return $"{nameof(XpmOAuthOptions)}.{nameof(ClientId)} is required: the client id of the app in the Xero developer portal.";
        }

        foreach (var (name, uri) in new[] { (nameof(AuthorizeEndpoint), AuthorizeEndpoint), (nameof(TokenEndpoint), TokenEndpoint), (nameof(ConnectionsEndpoint), ConnectionsEndpoint) })
        {
            if (uri is null || !uri.IsAbsoluteUri)
            {
                return $"{nameof(XpmOAuthOptions)}.{name} must be an absolute URI.";
            }
        }

        if (RefreshSkew < TimeSpan.Zero || RefreshSkew >= TimeSpan.FromMinutes(30))
        {
            return $"{nameof(XpmOAuthOptions)}.{nameof(RefreshSkew)} must be between zero and 30 minutes; it is {RefreshSkew}.";
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            return $"{nameof(XpmOAuthOptions)}.{nameof(RequestTimeout)} must be positive; it is {RequestTimeout}.";
        }

        return null;
    }
}
