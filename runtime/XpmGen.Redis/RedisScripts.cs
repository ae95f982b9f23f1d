namespace XpmGen.Redis;

/// <summary>
/// The Lua scripts: each runs atomically in Redis and reads Redis's own clock (<c>TIME</c>), so every instance counts on
/// one clock whatever its own says. Times are milliseconds since the Unix epoch.
/// </summary>
internal static class RedisScripts
{
    /// <summary>A duration as the scripts take it: whole milliseconds, rounded up so a lease or pause is never shortened.</summary>
    public static long Ms(System.TimeSpan value) => (long)System.Math.Ceiling(value.TotalMilliseconds);

    private const string Now = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";

    /// <summary>KEYS[1] state hash. Returns { ms until the pause ends, ms until the day block ends } (not positive: none).</summary>
    public const string ReadState = Now + """
        local v = redis.call('HMGET', KEYS[1], 'pause', 'day')
        return { (tonumber(v[1]) or 0) - now, (tonumber(v[2]) or 0) - now }
        """;

    /// <summary>
    /// KEYS[1] the app's window, KEYS[2] the tenant's; ARGV window ms, app limit, tenant limit, member.
    /// Returns { 0, 0 } with the permit taken in both, or { 1 (app) or 2 (tenant), ms until the oldest permit leaves }.
    /// </summary>
    public const string TakeWindowPermit = Now + """
        local w = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - w)
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - w)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
          local o = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return { 1, tonumber(o[2]) + w - now }
        end
        if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
          local o = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
          return { 2, tonumber(o[2]) + w - now }
        end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('ZADD', KEYS[2], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], w + 1000)
        redis.call('PEXPIRE', KEYS[2], w + 1000)
        return { 0, 0 }
        """;

    /// <summary>
    /// KEYS[1] the tenant's in-flight set (member: slot id, score: lease end); ARGV limit, lease ms, member.
    /// Expired leases (holders that died) are dropped first. Returns 1 when the slot is taken, else 0.
    /// </summary>
    public const string TakeSlot = Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
        return 1
        """;

    /// <summary>KEYS[1] the in-flight set; ARGV lease ms, member. Extends a held lease; returns 0 when it was lost already.</summary>
    public const string RenewSlot = Now + """
        if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then
          return 0
        end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
        return 1
        """;

    /// <summary>
    /// KEYS[1] state hash; ARGV pause ms (-1: none), day block ms (-1: none), 1 to end the day block.
    /// A pause only ever lengthens; the hash expires a minute after the later of the two ends.
    /// </summary>
    public const string Apply = Now + """
        local pause = tonumber(ARGV[1])
        local day = tonumber(ARGV[2])
        if pause >= 0 then
          local cur = tonumber(redis.call('HGET', KEYS[1], 'pause')) or 0
          if now + pause > cur then redis.call('HSET', KEYS[1], 'pause', now + pause) end
        end
        if day >= 0 then
          redis.call('HSET', KEYS[1], 'day', now + day)
        elseif ARGV[3] == '1' then
          redis.call('HDEL', KEYS[1], 'day')
        end
        local v = redis.call('HMGET', KEYS[1], 'pause', 'day')
        local last = math.max(tonumber(v[1]) or 0, tonumber(v[2]) or 0)
        if last > 0 then redis.call('PEXPIRE', KEYS[1], math.max(last - now, 0) + 60000) end
        return 1
        """;

    /// <summary>
    /// KEYS[1] the lock, KEYS[2] the fencing counter; ARGV lease ms. Takes the lock when free: returns the new fencing
    /// token (the lock's value), or 0 when another holder has it.
    /// </summary>
    public const string TakeLock = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return 0
        end
        local fence = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], fence, 'PX', tonumber(ARGV[1]))
        return fence
        """;

    /// <summary>KEYS[1] the lock; ARGV fencing token, lease ms. Extends the lock only when it is still this holder's.</summary>
    public const string RenewLock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
        end
        return 0
        """;

    /// <summary>KEYS[1] the lock; ARGV fencing token. Releases the lock only when it is still this holder's.</summary>
    public const string ReleaseLock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>
    /// KEYS[1] the lock, KEYS[2] the token hash (data, fence); ARGV fencing token, data. The compare-and-set of a rotated
    /// set: written unless another holder has the lock now or a set saved under a later fencing token is stored. (A lease
    /// that merely expired with no one after it still saves: its set is the only one Xero accepts.) Returns 1 or 0.
    /// </summary>
    public const string FencedSave = """
        local holder = redis.call('GET', KEYS[1])
        if holder and holder ~= ARGV[1] then
          return 0
        end
        local stored = tonumber(redis.call('HGET', KEYS[2], 'fence')) or 0
        if stored > tonumber(ARGV[1]) then
          return 0
        end
        redis.call('HSET', KEYS[2], 'data', ARGV[2], 'fence', ARGV[1])
        return 1
        """;
}
