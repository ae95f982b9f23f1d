using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace XpmGen.Sandbox;

/// <summary>
/// The tokens and codes the identity fake hands out, in memory. Access tokens expire as Xero's do; refresh tokens
/// rotate on every use, and one used twice is refused with <c>invalid_grant</c> (Xero allows a short grace period
/// for a lost response; the sandbox is strict so that a client that reuses a rotated token is caught).
/// </summary>
internal sealed class SandboxTokens
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly object _gate = new();
    private readonly Dictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _accessLifetime;

    public SandboxTokens(TimeProvider clock, TimeSpan accessLifetime)
    {
        _clock = clock;
        _accessLifetime = accessLifetime;
    }

    /// <summary>A token that never expires while the sandbox runs, for the <c>access-token:</c> line and in-process clients.</summary>
    public string IssueStanding(IReadOnlyList<string> tenants)
    {
        var token = NewSecret("sbx_at_");
        lock (_gate)
        {
            _access[token] = new AccessGrant(DateTimeOffset.MaxValue, "practicemanager offline_access", tenants);
        }

        return token;
    }

    /// <summary>The tenants an access token reaches, or null when it is unknown or expired (with why, for the 401 detail).</summary>
    public IReadOnlyList<string>? Tenants(string? accessToken, out string problem)
    {
        problem = "AuthenticationUnsuccessful";
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_access.TryGetValue(accessToken, out var grant))
            {
                return null;
            }

            if (grant.ExpiresAt <= _clock.GetUtcNow())
            {
                problem = "TokenExpired: token expired at " + grant.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
                return null;
            }

            return grant.Tenants;
        }
    }

    /// <summary>Remembers an authorization code for one exchange.</summary>
    public string IssueCode(string clientId, string redirectUri, string? codeChallenge, string scope, IReadOnlyList<string> tenants)
    {
        var code = NewSecret("sbx_code_");
        lock (_gate)
        {
            _codes[code] = new CodeGrant(clientId, redirectUri, codeChallenge, scope, tenants, _clock.GetUtcNow() + CodeLifetime);
        }

        return code;
    }

    /// <summary>Exchanges a code: it must be unused, unexpired, for the same client and redirect URI, and match the PKCE challenge.</summary>
    public TokenResult Redeem(string code, string? clientId, string? redirectUri, string? codeVerifier)
    {
        lock (_gate)
        {
            if (!_codes.Remove(code, out var grant) || grant.ExpiresAt <= _clock.GetUtcNow())
            {
                return TokenResult.Error("invalid_grant", "The authorization code is unknown, used or expired.");
            }

            if (clientId is not null && !string.Equals(clientId, grant.ClientId, StringComparison.Ordinal))
            {
                return TokenResult.Error("invalid_grant", "The authorization code was issued to another client.");
            }

            if (!string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal))
            {
                return TokenResult.Error("invalid_grant", "redirect_uri does not match the one of the authorize request.");
            }

            if (grant.CodeChallenge is not null)
            {
                if (string.IsNullOrEmpty(codeVerifier))
                {
                    return TokenResult.Error("invalid_grant", "code_verifier is required: the authorize request had a code_challenge.");
                }

                if (!string.Equals(S256(codeVerifier), grant.CodeChallenge, StringComparison.Ordinal))
                {
                    return TokenResult.Error("invalid_grant", "code_verifier does not match the code_challenge (S256).");
                }
            }

            return Issue(grant.Scope, grant.Tenants);
        }
    }

    /// <summary>Rotates a refresh token: the old one is spent, a new pair is issued.</summary>
    public TokenResult Refresh(string refreshToken)
    {
        lock (_gate)
        {
            if (!_refresh.TryGetValue(refreshToken, out var grant) || grant.Used)
            {
                return TokenResult.Error("invalid_grant", null);
            }

            _refresh[refreshToken] = grant with { Used = true };
            return Issue(grant.Scope, grant.Tenants);
        }
    }

    /// <summary>
    /// Revokes a token (RFC 7009): a refresh token is forgotten, so a later refresh with it is <c>invalid_grant</c>; an
    /// access token stops opening the API. An unknown token is not an error, as the RFC asks.
    /// </summary>
    public void Revoke(string token)
    {
        lock (_gate)
        {
            if (!_refresh.Remove(token))
            {
                _access.Remove(token);
            }
        }
    }

    /// <summary>The PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)).</summary>
    public static string S256(string verifier) =>
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private TokenResult Issue(string scope, IReadOnlyList<string> tenants)
    {
        var access = NewSecret("sbx_at_");
        var refresh = scope.Contains("offline_access", StringComparison.Ordinal) ? NewSecret("sbx_rt_") : null;
        _access[access] = new AccessGrant(_clock.GetUtcNow() + _accessLifetime, scope, tenants);
        if (refresh is not null)
        {
            _refresh[refresh] = new RefreshGrant(scope, tenants, Used: false);
        }

        return new TokenResult(access, refresh, (int)_accessLifetime.TotalSeconds, scope, null, null);
    }

    private static string NewSecret(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Tokens issued, or an OAuth error code and description.</summary>
    public sealed record TokenResult(string? AccessToken, string? RefreshToken, int ExpiresIn, string? Scope, string? ErrorCode, string? ErrorDescription)
    {
        public static TokenResult Error(string code, string? description) => new(null, null, 0, null, code, description);
    }

    private sealed record AccessGrant(DateTimeOffset ExpiresAt, string Scope, IReadOnlyList<string> Tenants);

    private sealed record RefreshGrant(string Scope, IReadOnlyList<string> Tenants, bool Used);

    private sealed record CodeGrant(string ClientId, string RedirectUri, string? CodeChallenge, string Scope, IReadOnlyList<string> Tenants, DateTimeOffset ExpiresAt);
}
