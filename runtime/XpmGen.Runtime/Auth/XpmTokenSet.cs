using System;
using System.Diagnostics;

namespace XpmGen.Auth;

/// <summary>
/// The tokens of one connection to Xero: the access token (30 minutes), the refresh token (rotated on every
/// refresh; it expires after 60 days unused) and when the access token expires. <see cref="ToString"/> never
/// shows the tokens.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class XpmTokenSet : IEquatable<XpmTokenSet>
{
    /// <summary>Creates a token set.</summary>
    /// <param name="accessToken">The access token.</param>
    /// <param name="refreshToken">The refresh token; <see langword="null"/> when <c>offline_access</c> was not granted.</param>
    /// <param name="expiresAt">When the access token expires.</param>
    /// <param name="scope">The scopes granted, space-separated, as the token endpoint returned them.</param>
    public XpmTokenSet(string accessToken, string? refreshToken, DateTimeOffset expiresAt, string? scope = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        AccessToken = accessToken;
        RefreshToken = string.IsNullOrWhiteSpace(refreshToken) ? null : refreshToken;
        ExpiresAt = expiresAt;
        Scope = scope;
    }

    /// <summary>The access token, sent as <c>Authorization: Bearer</c>.</summary>
    public string AccessToken { get; }

    /// <summary>The refresh token, or <see langword="null"/> when Xero issued none.</summary>
    public string? RefreshToken { get; }

    /// <summary>When the access token expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The granted scopes, space-separated.</summary>
    public string? Scope { get; }

    /// <summary>Whether the access token expires within <paramref name="skew"/> of <paramref name="now"/>.</summary>
    public bool ExpiresWithin(TimeSpan skew, DateTimeOffset now) => ExpiresAt - skew <= now;

    /// <inheritdoc />
    public bool Equals(XpmTokenSet? other) =>
        other is not null
        && AccessToken == other.AccessToken
        && RefreshToken == other.RefreshToken
        && ExpiresAt == other.ExpiresAt
        && Scope == other.Scope;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as XpmTokenSet);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(AccessToken, RefreshToken, ExpiresAt, Scope);

    /// <summary>Describes the set without its tokens.</summary>
    public override string ToString() =>
        $"XpmTokenSet (tokens hidden; expires {ExpiresAt:u}; refresh token {(RefreshToken is null ? "absent" : "present")})";
}
