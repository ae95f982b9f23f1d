using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using XpmGen.Auth;

namespace XpmGen.Redis;

/// <summary>
/// Keeps each connection's token set in Redis, shared by every instance of the app, and makes their refreshes
/// single-flight across processes (<see cref="IXpmTokenRefreshCoordinator"/>, used by <see cref="XpmRefreshingAccessTokenProvider"/>):
/// a lock with an expiry that its holder renews, a fencing token that grows with every lock, and a compare-and-set save
/// so a holder whose lock expired cannot overwrite a set saved under a later one. Key names hold a hash of the connection
/// key, never a token. Token sets are stored protected with ASP.NET Core Data Protection when a provider is given, and
/// as plain JSON otherwise (then Redis itself must be trusted with them: docs/scaling.md). Every Redis failure is an
/// <see cref="XpmTokenStoreException"/>.
/// </summary>
public sealed class RedisXpmTokenStore : IXpmTokenStore, IXpmTokenRefreshCoordinator
{
    /// <summary>The root purpose of the Data Protection protector; the connection key is a sub-purpose.</summary>
    public const string Purpose = "XpmGen.Redis.RedisXpmTokenStore.v1";

    private static readonly RedisValue DataField = "data";
    private static readonly RedisValue FenceField = "fence";

    private readonly IDatabase _db;
    private readonly RedisXpmTokenStoreOptions _options;
    private readonly IDataProtector? _protector;
    private readonly TimeProvider _timeProvider;
    private readonly string _prefix;

    /// <summary>Creates a store over <paramref name="redis"/>.</summary>
    /// <param name="redis">The connection (share one per process).</param>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <param name="protection">Protects the stored sets (for example <c>services.AddDataProtection()</c> with keys every instance shares); plain JSON when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock of the lock waits; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public RedisXpmTokenStore(IConnectionMultiplexer redis, RedisXpmTokenStoreOptions? options = null, IDataProtectionProvider? protection = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _options = options ?? new RedisXpmTokenStoreOptions();
        if (_options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _db = redis.GetDatabase(_options.Database);
        _protector = protection?.CreateProtector(Purpose);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _prefix = "{" + _options.KeyPrefix + "}:token:";
    }

    /// <summary>The Redis key of the token set of <paramref name="key"/> (a hash of the connection key); the lock and the fencing counter add <c>:lock</c> and <c>:fence</c>.</summary>
    /// <param name="key">The connection key.</param>
    /// <returns>The Redis key.</returns>
    public string GetRedisKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <inheritdoc />
    /// <exception cref="XpmTokenStoreException">Redis failed, or the stored set could not be unprotected.</exception>
    public async ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue data;
        try
        {
            data = await _db.HashGetAsync(GetRedisKey(key), DataField).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            throw new XpmTokenStoreException($"Redis could not be reached to load the token set of '{key}' ({ex.GetType().Name}).", ex);
        }

        return data.IsNull ? null : Decode(key, (byte[])data!);
    }

    /// <inheritdoc />
    /// <exception cref="XpmTokenStoreException">Redis failed.</exception>
    public async ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _db.HashSetAsync(GetRedisKey(key), DataField, Encode(key, tokens)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            throw new XpmTokenStoreException($"Redis could not be reached to save the token set of '{key}' ({ex.GetType().Name}).", ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="XpmTokenStoreException">Redis failed, or another process held the lock for longer than <see cref="RedisXpmTokenStoreOptions.LockWaitTimeout"/>.</exception>
    public async ValueTask<IXpmTokenRefreshLease> AcquireRefreshLeaseAsync(string key, CancellationToken cancellationToken)
    {
        var tokenKey = GetRedisKey(key);
        RedisKey[] keys = [tokenKey + ":lock", tokenKey + ":fence"];
        RedisValue[] args = [RedisScripts.Ms(_options.LockLease)];
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            long fence;
            try
            {
                fence = (long)await _db.ScriptEvaluateAsync(RedisScripts.TakeLock, keys, args).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                throw new XpmTokenStoreException($"Redis could not be reached for the refresh lock of '{key}' ({ex.GetType().Name}).", ex);
            }

            if (fence > 0)
            {
                return new Lease(this, key, tokenKey, fence);
            }

            if (_timeProvider.GetElapsedTime(started) >= _options.LockWaitTimeout)
            {
                throw new XpmTokenStoreException(
                    $"Another process has held the refresh lock of '{key}' for longer than {_options.LockWaitTimeout.TotalSeconds:0.#} s; no token request was made.");
            }

            await Task.Delay(_options.PollInterval + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 5)), _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>For tests: stops renewing a held lease, as a holder that stalls or dies would.</summary>
    internal static void StopRenewal(IXpmTokenRefreshLease lease) => ((Lease)lease).StopRenewal();

    /// <summary>Names the key prefix, never a token.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"{nameof(RedisXpmTokenStore)} under '{_prefix}' ({(_protector is null ? "unprotected" : "Data Protection")})";

    private byte[] Encode(string key, XpmTokenSet tokens) =>
        _protector is null ? XpmTokenSetFormat.Serialize(tokens) : XpmTokenSetFormat.Protect(tokens, _protector, key);

    private XpmTokenSet Decode(string key, byte[] data) =>
        _protector is null ? XpmTokenSetFormat.Deserialize(data) : XpmTokenSetFormat.Unprotect(data, _protector, key, $"The token set of '{key}' in Redis");

    /// <summary>A held refresh lock: renewed every third of its lease while held, released (only if still this holder's) on dispose.</summary>
    private sealed class Lease : IXpmTokenRefreshLease
    {
        private readonly RedisXpmTokenStore _store;
        private readonly string _key;
        private readonly RedisKey _lock;
        private readonly RedisKey _tokens;
        private readonly RedisLeaseRenewal _renewal;
        private int _disposed;

        public Lease(RedisXpmTokenStore store, string key, string tokenKey, long fence)
        {
            _store = store;
            _key = key;
            _tokens = tokenKey;
            _lock = tokenKey + ":lock";
            FencingToken = fence;
            // Not renewed (Redis gone): the lock expires, and the fenced save keeps a later holder's set safe.
            _renewal = new RedisLeaseRenewal(store._timeProvider, store._options.LockLease, () =>
                store._db.ScriptEvaluateAsync(RedisScripts.RenewLock, [_lock], [FencingToken, RedisScripts.Ms(store._options.LockLease)], CommandFlags.FireAndForget));
        }

        public long FencingToken { get; }

        public async ValueTask<bool> TrySaveAsync(XpmTokenSet tokens, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(tokens);
            try
            {
                var saved = await _store._db.ScriptEvaluateAsync(RedisScripts.FencedSave, [_lock, _tokens], [FencingToken, _store.Encode(_key, tokens)])
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                return (long)saved == 1;
            }
            catch (RedisException ex)
            {
                throw new XpmTokenStoreException($"Redis could not be reached to save the rotated token set of '{_key}' ({ex.GetType().Name}).", ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await _renewal.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _store._db.ScriptEvaluateAsync(RedisScripts.ReleaseLock, [_lock], [FencingToken]).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                throw new XpmTokenStoreException($"Redis could not be reached to release the refresh lock of '{_key}' ({ex.GetType().Name}); it expires by itself.", ex);
            }
        }

        public void StopRenewal() => _renewal.Stop();
    }
}
