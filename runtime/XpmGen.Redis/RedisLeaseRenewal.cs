using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace XpmGen.Redis;

/// <summary>
/// Keeps a lease held in Redis alive while its holder runs: sends the renewal every third of the lease's length, fire and
/// forget, until stopped. A renewal that cannot be sent (Redis gone, connection closed) is skipped; the lease then ends
/// by itself, which is what every lease here is built to survive.
/// </summary>
internal sealed class RedisLeaseRenewal : IAsyncDisposable
{
    private readonly Func<Task> _renew;
    private readonly ITimer _timer;
    private int _stopped;

    /// <summary>Starts renewing.</summary>
    /// <param name="timeProvider">The clock the timer runs on.</param>
    /// <param name="lease">The lease's length.</param>
    /// <param name="renew">Sends one renewal.</param>
    public RedisLeaseRenewal(TimeProvider timeProvider, TimeSpan lease, Func<Task> renew)
    {
        _renew = renew;
        var every = lease / 3;
        _timer = timeProvider.CreateTimer(static state => ((RedisLeaseRenewal)state!).Renew(), this, every, every);
    }

    /// <summary>Stops renewing at once.</summary>
    public void Stop()
    {
        Volatile.Write(ref _stopped, 1);
        _timer.Dispose();
    }

    /// <summary>Stops renewing and waits for a renewal being sent.</summary>
    public ValueTask DisposeAsync()
    {
        Volatile.Write(ref _stopped, 1);
        return _timer.DisposeAsync();
    }

    private void Renew()
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            return;
        }

        try
        {
            _ = _renew();
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // Not renewed: the lease ends by itself.
        }
    }
}
