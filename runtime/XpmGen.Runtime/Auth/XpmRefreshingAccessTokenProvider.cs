using System;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Auth;

/// <summary>
/// Supplies the access token of one connection from a token store, refreshing it ahead of expiry. One refresh
/// runs at a time per provider: concurrent callers wait for it and share its result. The rotated token set is
/// saved to the store before the new access token is handed out, so a crash can never lose the only valid
/// refresh token. Use one provider per token set (per connection), shared by everything that calls with it.
/// </summary>
public sealed class XpmRefreshingAccessTokenProvider : IXpmAccessTokenProvider, IDisposable
{
    private readonly XpmOAuthClient _oauth;
    private readonly IXpmTokenStore _store;
    private readonly string _key;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile XpmTokenSet? _current;

    /// <summary>Creates a provider for the token set saved under <paramref name="key"/>.</summary>
    /// <param name="oauth">The OAuth client that refreshes the tokens.</param>
    /// <param name="store">Where the token set is loaded from and saved to.</param>
    /// <param name="key">The store key of the connection.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public XpmRefreshingAccessTokenProvider(XpmOAuthClient oauth, IXpmTokenStore store, string key, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(oauth);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _oauth = oauth;
        _store = store;
        _key = key;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    /// <exception cref="XpmReconnectRequiredException">No token set is stored, it has no refresh token, or Xero refused the refresh token.</exception>
    /// <exception cref="XpmOAuthException">The identity service refused the refresh for another reason.</exception>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var skew = _oauth.Options.RefreshSkew;
        var current = _current ?? await _store.LoadAsync(_key, cancellationToken).ConfigureAwait(false);
        if (current is not null && !current.ExpiresWithin(skew, _timeProvider.GetUtcNow()))
        {
            _current = current;
            return current.AccessToken;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the gate may have refreshed already, here or in another process sharing the store.
            current = await _store.LoadAsync(_key, CancellationToken.None).ConfigureAwait(false);
            if (current is not null && !current.ExpiresWithin(skew, _timeProvider.GetUtcNow()))
            {
                _current = current;
                return current.AccessToken;
            }

            if (current?.RefreshToken is not { } refreshToken)
            {
                throw new XpmReconnectRequiredException(
                    current is null
                        ? $"No token set is stored under '{_key}': connect the practice through the authorization flow first."
                        : $"The token set stored under '{_key}' has expired and has no refresh token (was offline_access requested?): connect the practice again.",
                    new XpmErrorContext(null, null, null, null, null, null),
                    errorDescription: null);
            }

            // The refresh and the save are not cancelled once started: Xero may already have rotated the
            // refresh token, and abandoning the answer would lose the only one that still works.
            var fresh = await _oauth.RefreshAsync(refreshToken, CancellationToken.None).ConfigureAwait(false);
            await _store.SaveAsync(_key, fresh, CancellationToken.None).ConfigureAwait(false);
            _current = fresh;
            return fresh.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Forgets the cached token set, so the next call reloads it from the store.</summary>
    public void Invalidate() => _current = null;

    /// <inheritdoc />
    public void Dispose() => _refreshGate.Dispose();

    /// <summary>Names the connection key, never a token.</summary>
    public override string ToString() => $"{nameof(XpmRefreshingAccessTokenProvider)} for '{_key}' (tokens hidden)";
}
