using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace XpmGen.Auth;

/// <summary>
/// Supplies the access token of one connection from a token store, refreshing it ahead of expiry. Use one provider
/// per token set (per connection), shared by everything that calls with it.
/// </summary>
/// <remarks>
/// <para>
/// One refresh runs at a time: concurrent callers wait for it and share its result, success or failure. The refresh
/// runs on its own, not under any caller's token, since Xero may already have rotated the refresh token and
/// abandoning the answer would lose the only one that still works; every caller's token (the one whose call started
/// the refresh included) cancels that caller's wait at once.
/// </para>
/// <para>
/// A failed refresh is not repeated at once by the next caller: a transient failure (a stall, a reset, a 5xx) is
/// handed to callers for a back-off that doubles from 1 second to 1 minute; <c>invalid_grant</c>
/// (<see cref="XpmReconnectRequiredException"/>) marks the connection as needing reconnection, and no token request
/// is made with that refresh token again: callers get the exception until the stored set changes (a new connection).
/// </para>
/// <para>
/// The rotated set is saved before the new access token is handed out. When the save fails, the set is kept in
/// memory and used (the store's copy holds a refresh token Xero no longer accepts), the save is retried on later
/// calls, and the failure is logged and reported through <see cref="LastSaveFailure"/> and <see cref="SaveFailed"/>;
/// the connection goes on working.
/// </para>
/// <para>
/// When the store also implements <see cref="IXpmTokenRefreshCoordinator"/> (a store several processes share), the
/// refresh is single-flight across them too: the provider takes the connection's refresh lease, re-reads the stored set
/// under it and uses it when another process rotated it already, otherwise refreshes and saves through the lease
/// (fenced: a holder whose lease expired cannot overwrite a newer set) before releasing it. Without the lease no token
/// request is made (<see cref="XpmTokenStoreException"/>).
/// </para>
/// </remarks>
public sealed class XpmRefreshingAccessTokenProvider : IXpmAccessTokenProvider, IDisposable
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SaveRetryInterval = TimeSpan.FromSeconds(1);

    private static readonly Action<ILogger, string, string, Exception?> LogSaveFailed = LoggerMessage.Define<string, string>(
        LogLevel.Error,
        new EventId(20, "TokenSaveFailed"),
        "The rotated token set of '{Key}' could not be saved ({ErrorType}); it is kept in memory and the save is retried");

    private static readonly Action<ILogger, string, string, Exception?> LogRefreshFailed = LoggerMessage.Define<string, string>(
        LogLevel.Warning,
        new EventId(21, "TokenRefreshFailed"),
        "The token refresh of '{Key}' failed with {ErrorType}");

    private readonly XpmOAuthClient _oauth;
    private readonly IXpmTokenStore _store;
    private readonly string _key;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger? _logger;
    private readonly object _sync = new();
    private volatile XpmTokenSet? _current;
    private volatile XpmTokenSet? _unsaved;
    private Task<XpmTokenSet>? _refresh;
    private volatile Failure? _failure;
    private int _saving;
    private DateTimeOffset _lastSaveAttempt;

    /// <summary>Creates a provider for the token set saved under <paramref name="key"/>.</summary>
    /// <param name="oauth">The OAuth client that refreshes the tokens.</param>
    /// <param name="store">Where the token set is loaded from and saved to.</param>
    /// <param name="key">The store key of the connection.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public XpmRefreshingAccessTokenProvider(XpmOAuthClient oauth, IXpmTokenStore store, string key, TimeProvider? timeProvider = null)
        : this(oauth, store, key, timeProvider, logger: null)
    {
    }

    /// <summary>Creates a provider for the token set saved under <paramref name="key"/> that logs refresh and save failures.</summary>
    /// <param name="oauth">The OAuth client that refreshes the tokens.</param>
    /// <param name="store">Where the token set is loaded from and saved to.</param>
    /// <param name="key">The store key of the connection.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">Where failures are logged (never a token value); none when <see langword="null"/>.</param>
    public XpmRefreshingAccessTokenProvider(XpmOAuthClient oauth, IXpmTokenStore store, string key, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(oauth);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _oauth = oauth;
        _store = store;
        _key = key;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger;
    }

    /// <summary>Raised when a rotated token set could not be saved (it is kept in memory and the save is retried).</summary>
    public event EventHandler<XpmTokenStoreException>? SaveFailed;

    /// <summary>The last failure to save a rotated token set, or <see langword="null"/> once a save has succeeded.</summary>
    public XpmTokenStoreException? LastSaveFailure { get; private set; }

    /// <summary>Whether a rotated token set is held only in memory because saving it failed.</summary>
    public bool HasUnsavedTokens => _unsaved is not null;

    /// <inheritdoc />
    /// <exception cref="XpmReconnectRequiredException">No token set is stored, it has no refresh token, or Xero refused the refresh token.</exception>
    /// <exception cref="XpmOAuthException">The identity service refused the refresh for another reason.</exception>
    /// <exception cref="XpmConnectionException">The token endpoint stalled or the connection failed; <see cref="XpmConnectionException.MayHaveBeenProcessed"/> says whether the refresh may have happened.</exception>
    /// <exception cref="XpmTokenStoreException">The token store failed to load the set.</exception>
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_unsaved is not null)
        {
            await RetrySaveAsync().ConfigureAwait(false);
        }

        var skew = _oauth.Options.RefreshSkew;
        var current = _unsaved ?? _current ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null && !current.ExpiresWithin(skew, _timeProvider.GetUtcNow()))
        {
            _current = current;
            return current.AccessToken;
        }

        Task<XpmTokenSet> refresh;
        lock (_sync)
        {
            if (_refresh is null)
            {
                if (_failure is { Dead: false } failure && _timeProvider.GetUtcNow() < failure.RetryAt)
                {
                    // Within the back-off of a transient failure: its failure, without another token request.
                    refresh = Task.FromException<XpmTokenSet>(failure.Exception);
                }
                else
                {
                    // Task.Run: the refresh must not run synchronously inside this lock (it clears _refresh when done).
                    _refresh = Task.Run(RefreshAsync, CancellationToken.None);
                    refresh = _refresh;
                }
            }
            else
            {
                refresh = _refresh;
            }
        }

        var fresh = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fresh.AccessToken;
    }

    /// <summary>Forgets the cached token set, so the next call reloads it from the store (a set not yet saved is kept).</summary>
    public void Invalidate() => _current = null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Names the connection key, never a token.</summary>
    public override string ToString() => $"{nameof(XpmRefreshingAccessTokenProvider)} for '{_key}' (tokens hidden)";

    private async Task<XpmTokenSet> RefreshAsync()
    {
        IXpmTokenRefreshLease? lease = null;
        try
        {
            if (_store is IXpmTokenRefreshCoordinator coordinator)
            {
                // Across processes: one refresh at a time; the re-read below, under the lease, sees a set another process rotated.
                lease = await AcquireLeaseAsync(coordinator).ConfigureAwait(false);
            }

            // Another process sharing the store may have refreshed already; a set not yet saved is newer than the store's.
            var current = _unsaved ?? await LoadAsync(CancellationToken.None).ConfigureAwait(false);
            if (current is not null && !current.ExpiresWithin(_oauth.Options.RefreshSkew, _timeProvider.GetUtcNow()))
            {
                _current = current;
                return current;
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

            var failure = _failure;
            if (failure is { Dead: true } && failure.RefreshToken == refreshToken)
            {
                // Xero refused this refresh token: sending it again cannot help, and the set must change first.
                throw failure.Exception;
            }

            XpmTokenSet fresh;
            try
            {
                fresh = await _oauth.RefreshAsync(refreshToken, CancellationToken.None).ConfigureAwait(false);
            }
            catch (XpmException ex)
            {
                var dead = ex is XpmReconnectRequiredException;
                var backOff = dead || failure is null || failure.Dead ? FirstBackOff : Min(failure.BackOff + failure.BackOff, MaxBackOff);
                _failure = new Failure(ex, refreshToken, dead, backOff, _timeProvider.GetUtcNow() + backOff);
                if (_logger is not null)
                {
                    LogRefreshFailed(_logger, _key, ex.GetType().Name, null);
                }

                throw;
            }

            _failure = null;
            _current = fresh;
            return await SaveAsync(fresh, attempts: 3, lease).ConfigureAwait(false);
        }
        finally
        {
            if (lease is not null)
            {
                await ReleaseAsync(lease).ConfigureAwait(false);
            }

            lock (_sync)
            {
                _refresh = null;
            }
        }
    }

    private async ValueTask<XpmTokenSet?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _store.LoadAsync(_key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not XpmException && ex is not OperationCanceledException)
        {
            // A custom store's own exception: typed for callers, without its message (it might hold anything).
            throw new XpmTokenStoreException($"The token store could not load the token set of '{_key}' ({ex.GetType().Name}).", ex);
        }
    }

    private async Task<IXpmTokenRefreshLease> AcquireLeaseAsync(IXpmTokenRefreshCoordinator coordinator)
    {
        try
        {
            return await coordinator.AcquireRefreshLeaseAsync(_key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not XpmException)
        {
            // No token request is made without the lease: the stored refresh token stays the one that works.
            throw new XpmTokenStoreException($"The refresh lease of '{_key}' could not be had ({ex.GetType().Name}); no token request was made.", ex);
        }
    }

    private async Task ReleaseAsync(IXpmTokenRefreshLease lease)
    {
        try
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease expires by itself; the set is saved already (or kept in memory).
            if (_logger is not null)
            {
                LogRefreshFailed(_logger, _key, "lease release: " + ex.GetType().Name, null);
            }
        }
    }

    /// <summary>
    /// Saves a rotated set (through the refresh lease when there is one), retrying briefly; on failure keeps it in memory,
    /// where it is used and saved again later. Returns the set to use: <paramref name="tokens"/>, or the stored set when a
    /// later lease holder saved one (the fencing check refused this save).
    /// </summary>
    private async Task<XpmTokenSet> SaveAsync(XpmTokenSet tokens, int attempts, IXpmTokenRefreshLease? lease = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            _lastSaveAttempt = _timeProvider.GetUtcNow();
            try
            {
                if (lease is null)
                {
                    await _store.SaveAsync(_key, tokens, CancellationToken.None).ConfigureAwait(false);
                }
                else if (!await lease.TrySaveAsync(tokens, CancellationToken.None).ConfigureAwait(false))
                {
                    // This lease expired and a later holder saved a set: that one is newer and is not overwritten.
                    var stored = await LoadAsync(CancellationToken.None).ConfigureAwait(false);
                    if (stored is not null && !stored.ExpiresWithin(_oauth.Options.RefreshSkew, _timeProvider.GetUtcNow()))
                    {
                        _current = stored;
                        return stored;
                    }

                    // The lease is another holder's now, and the store has no newer usable set: ours is kept (in memory below).
                    throw new XpmTokenStoreException($"The refresh lease of '{_key}' expired before the rotated set was saved and another process holds it now.");
                }

                if (ReferenceEquals(_unsaved, tokens) || _unsaved is null)
                {
                    _unsaved = null;
                }

                LastSaveFailure = null;
                return tokens;
            }
            catch (Exception ex) when (attempt < attempts && ex is not OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), _timeProvider).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var failure = ex as XpmTokenStoreException
                    ?? new XpmTokenStoreException($"The token store could not save the rotated token set of '{_key}' ({ex.GetType().Name}); it is kept in memory and saved again on later calls.", ex);
                _unsaved = tokens;
                LastSaveFailure = failure;
                if (_logger is not null)
                {
                    LogSaveFailed(_logger, _key, ex.GetType().Name, null);
                }

                try
                {
                    SaveFailed?.Invoke(this, failure);
                }
                catch (Exception handlerFailure) when (handlerFailure is not OutOfMemoryException)
                {
                    // A failing handler must not turn a working connection into a failed call.
                }

                return tokens;
            }
        }
    }

    private async Task RetrySaveAsync()
    {
        if (_unsaved is not { } unsaved
            || _timeProvider.GetUtcNow() - _lastSaveAttempt < SaveRetryInterval
            || Interlocked.CompareExchange(ref _saving, 1, 0) != 0)
        {
            return;
        }

        try
        {
            await SaveAsync(unsaved, attempts: 1).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _saving, 0);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The last refresh failure: whose refresh token, whether it is final, and until when it is handed out again.</summary>
    private sealed record Failure(XpmException Exception, string RefreshToken, bool Dead, TimeSpan BackOff, DateTimeOffset RetryAt);
}
