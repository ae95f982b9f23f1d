using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;
using XpmGen.Auth;
using XpmGen.Redis;
using XpmGen.Redis.Testing;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>scale</c>: many instances of one app against one XPM (issue 14). The parent starts a fake XPM on loopback that
/// enforces 60 calls per window and 5 in flight per tenant with 429s (the window shortened to <see cref="Window"/>, on
/// both sides), and a real redis-server; then, for each scenario, 3 child OS processes (this program again, hidden mode
/// <see cref="ChildArgument"/>) that wait for a common start, run, and report. It prints exactly:
/// <code>
/// SCALE limiter-local processes=3 calls=120 throttled=&lt;n&gt; elapsed/ideal=&lt;x&gt;
/// SCALE limiter-redis processes=3 calls=120 throttled=&lt;n&gt; elapsed/ideal=&lt;x&gt;
/// SCALE refresh-redis processes=3 callers=60 token-requests=&lt;n&gt; reconnects=&lt;n&gt;
/// </code>
/// then the per-call overhead of the Redis limiter against the in-process one (sequential calls, no waiting).
/// "ideal" is the shortest time the fake's own limits allow for the 120 calls (a greedy schedule: a call starts when
/// one of the 5 slots is free and 60 calls before it left the window), so 1.00 is a quota used to the last call.
/// </summary>
internal static class ScaleMode
{
    public const string ChildArgument = "scale-child";

    private const int Processes = 3;
    private const int CallsPerProcess = 40;
    private const int CallersPerProcess = 20;
    private const int PerWindow = 60;
    private const int InFlight = 5;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync()
    {
        using var redis = RedisServerProcess.Start();
        await using var fake = new FakeXpmServer(PerWindow, Window, InFlight, Latency);
        var prefix = "scale-" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"scale: fake XPM {fake.BaseAddress} ({PerWindow} per {Window.TotalSeconds:0.#} s, {InFlight} in flight, {Latency.TotalMilliseconds:0} ms a call); redis-server on port {redis.Port}; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var ideal = Ideal(Processes * CallsPerProcess);
        foreach (var scenario in new[] { "limiter-local", "limiter-redis" })
        {
            var before = fake.Throttled;
            var (elapsed, reports) = await RunChildrenAsync(scenario, fake, redis, prefix).ConfigureAwait(false);
            var throttled = fake.Throttled - before;
            Console.WriteLine($"SCALE {scenario} processes={Processes} calls={Processes * CallsPerProcess} throttled={throttled} elapsed/ideal={F2(elapsed / ideal)}");
            Console.WriteLine($"  {scenario}: elapsed {elapsed.TotalSeconds:0.00} s, ideal {ideal.TotalSeconds:0.00} s, max in flight {fake.MaxInFlightSeen("tenant-" + scenario)}, max in one window {fake.MaxInWindowSeen("tenant-" + scenario)}, calls failed {reports.Sum(r => r.GetValueOrDefault("failed"))}");
        }

        // Token refresh: the stored set has expired; 3 processes x 20 callers ask for an access token at once.
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration).ConfigureAwait(false))
        {
            var (access, refresh) = fake.IssueInitial();
            var store = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = prefix });
            await store.SaveAsync("scale-connection", new XpmTokenSet(access, refresh, DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None).ConfigureAwait(false);
        }

        var tokenRequestsBefore = fake.TokenRequests;
        var (_, refreshReports) = await RunChildrenAsync("refresh-redis", fake, redis, prefix).ConfigureAwait(false);
        Console.WriteLine($"SCALE refresh-redis processes={Processes} callers={Processes * CallersPerProcess} token-requests={fake.TokenRequests - tokenRequestsBefore} reconnects={refreshReports.Sum(r => r.GetValueOrDefault("reconnects"))}");
        Console.WriteLine($"  refresh-redis: callers with a token {refreshReports.Sum(r => r.GetValueOrDefault("ok"))}, distinct access tokens {refreshReports.Select(r => r.GetValueOrDefault("token")).Distinct().Count()}, other failures {refreshReports.Sum(r => r.GetValueOrDefault("failed"))}");

        await OverheadAsync(redis, prefix).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The hidden child: one "instance" of the app.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var scenario = args[1];
        var baseAddress = new Uri(args[2]);
        var redisConfiguration = args[3];
        var prefix = args[4];
        var tokenEndpoint = new Uri(args[5]);
        using var connection = await ConnectionMultiplexer.ConnectAsync(redisConfiguration).ConfigureAwait(false);
        var limits = new XpmRateLimitOptions { RequestsPerWindowPerTenant = PerWindow, ConcurrentRequestsPerTenant = InFlight, Window = Window };
        var counts = new Dictionary<string, long>();
        Func<Task> run;
        if (scenario == "refresh-redis")
        {
            var store = new RedisXpmTokenStore(connection, new RedisXpmTokenStoreOptions { KeyPrefix = prefix });
            await store.LoadAsync("warm-up", CancellationToken.None).ConfigureAwait(false);
            var oauth = new XpmOAuthClient(new HttpClient(), new XpmOAuthOptions { ClientId = "scale", ClientSecret = "scale", TokenEndpoint = tokenEndpoint });
            using var provider = new XpmRefreshingAccessTokenProvider(oauth, store, "scale-connection");
            run = async () =>
            {
                var results = await Task.WhenAll(Enumerable.Range(0, CallersPerProcess).Select(_ => Task.Run(async () =>
                {
                    try
                    {
                        return (Token: await provider.GetAccessTokenAsync(CancellationToken.None).ConfigureAwait(false), Failure: (string?)null);
                    }
                    catch (XpmReconnectRequiredException)
                    {
                        return (Token: (string?)null, Failure: "reconnects");
                    }
                    catch (XpmException)
                    {
                        return (Token: (string?)null, Failure: "failed");
                    }
                }))).ConfigureAwait(false);
                counts["ok"] = results.Count(r => r.Token is not null);
                counts["reconnects"] = results.Count(r => r.Failure == "reconnects");
                counts["failed"] = results.Count(r => r.Failure == "failed");
                // A stable number for "same token in every process" without printing a token.
                counts["token"] = results.Select(r => r.Token).Distinct().Count() == 1 && results[0].Token is { } token ? StableHash(token) : -1;
            };
            await ReadyAndRunAsync(run).ConfigureAwait(false);
        }
        else
        {
            using XpmRateLimiterBase limiter = scenario == "limiter-redis"
                ? new RedisXpmRateLimiter(connection, new RedisXpmRateLimiterOptions { KeyPrefix = prefix, Limits = limits })
                : new XpmRateLimiter(limits);
            XpmClient Client(string tenant) => new(new HttpClient { Timeout = TimeSpan.FromSeconds(60) }, new XpmClientOptions
            {
                BaseAddress = baseAddress,
                TenantId = tenant,
                AccessTokenProvider = new StaticAccessTokenProvider("scale"),
                Retry = new XpmRetryOptions { MaxRetries = 10 },
                RateLimiter = limiter,
            });

            // Warm-up (JIT, connections, script cache) on a tenant of its own, before the common start.
            await Client("warm-up-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Staff.ListAsync().ConfigureAwait(false);
            var xpm = Client("tenant-" + scenario);
            run = async () =>
            {
                var results = await Task.WhenAll(Enumerable.Range(0, CallsPerProcess).Select(async _ =>
                {
                    try
                    {
                        await xpm.Staff.ListAsync().ConfigureAwait(false);
                        return true;
                    }
                    catch (XpmException)
                    {
                        return false;
                    }
                })).ConfigureAwait(false);
                counts["ok"] = results.Count(r => r);
                counts["failed"] = results.Count(r => !r);
            };
            await ReadyAndRunAsync(run).ConfigureAwait(false);
        }

        Console.WriteLine("DONE " + string.Join(' ', counts.Select(c => c.Key + "=" + c.Value.ToString(CultureInfo.InvariantCulture))));
        return 0;
    }

    private static async Task ReadyAndRunAsync(Func<Task> run)
    {
        Console.WriteLine("READY");
        var go = await Console.In.ReadLineAsync().ConfigureAwait(false);
        if (go != "GO")
        {
            throw new InvalidOperationException("The parent did not say GO.");
        }

        await run().ConfigureAwait(false);
    }

    private static async Task<(TimeSpan Elapsed, List<Dictionary<string, long>> Reports)> RunChildrenAsync(string scenario, FakeXpmServer fake, RedisServerProcess redis, string prefix)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var children = new List<Process>();
        try
        {
            for (var i = 0; i < Processes; i++)
            {
                var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
                {
                    start.ArgumentList.Add(typeof(ScaleMode).Assembly.Location);
                }

                foreach (var arg in new[] { ChildArgument, scenario, fake.BaseAddress.ToString(), redis.Configuration, prefix, fake.TokenEndpoint.ToString() })
                {
                    start.ArgumentList.Add(arg);
                }

                children.Add(Process.Start(start) ?? throw new InvalidOperationException("A child did not start."));
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            foreach (var child in children)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                if (line != "READY")
                {
                    throw new InvalidOperationException($"A {scenario} child did not get ready: {line} {await child.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false)}");
                }
            }

            var watch = Stopwatch.StartNew();
            foreach (var child in children)
            {
                await child.StandardInput.WriteLineAsync("GO").ConfigureAwait(false);
                await child.StandardInput.FlushAsync(timeout.Token).ConfigureAwait(false);
            }

            var reports = new List<Dictionary<string, long>>();
            foreach (var child in children)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                if (line is null || !line.StartsWith("DONE", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"A {scenario} child failed: {line} {await child.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false)}");
                }

                reports.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(p => p.Split('=', 2))
                    .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture)));
            }

            watch.Stop();
            foreach (var child in children)
            {
                await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }

            return (watch.Elapsed, reports);
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }

                child.Dispose();
            }
        }
    }

    /// <summary>The shortest time the fake's limits allow for <paramref name="calls"/> calls started at once.</summary>
    private static TimeSpan Ideal(int calls)
    {
        var slots = new double[InFlight];
        var starts = new double[calls];
        var end = 0.0;
        for (var i = 0; i < calls; i++)
        {
            var slot = Array.IndexOf(slots, slots.Min());
            var start = Math.Max(slots[slot], i >= PerWindow ? starts[i - PerWindow] + Window.TotalMilliseconds : 0);
            starts[i] = start;
            slots[slot] = start + Latency.TotalMilliseconds;
            end = Math.Max(end, slots[slot]);
        }

        return TimeSpan.FromMilliseconds(end);
    }

    /// <summary>Median per-call time of sequential calls through XpmClient with the in-process limiter and with the Redis one (limits never reached).</summary>
    private static async Task OverheadAsync(RedisServerProcess redis, string prefix)
    {
        const int Calls = 2000;
        var generous = new XpmRateLimitOptions { ConcurrentRequestsPerTenant = 1000, RequestsPerWindowPerTenant = 10_000_000, RequestsPerWindowPerApp = 10_000_000 };
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration).ConfigureAwait(false);
        using var local = new XpmRateLimiter(generous);
        using var shared = new RedisXpmRateLimiter(connection, new RedisXpmRateLimiterOptions { KeyPrefix = prefix + "-overhead", Limits = generous });
        var handler = new FixedResponseHandler(SyntheticDocuments.StaffList());
        XpmClient Client(XpmRateLimiterBase limiter) => new(new HttpClient(handler, disposeHandler: false), new XpmClientOptions
        {
            BaseAddress = RequestOverhead.BaseAddress,
            TenantId = "overhead",
            AccessTokenProvider = new StaticAccessTokenProvider("x"),
            Retry = XpmRetryOptions.None,
            RateLimiter = limiter,
        });

        var clients = new Dictionary<string, XpmClient> { ["local"] = Client(local), ["redis"] = Client(shared) };
        var samples = clients.Keys.ToDictionary(k => k, _ => new List<double>());
        for (var round = 0; round < 7; round++)
        {
            // Interleaved rounds, so drift of the shared machine hits both alike; the first round warms up.
            foreach (var (name, client) in clients)
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Calls / 10; i++)
                {
                    await client.Staff.ListAsync().ConfigureAwait(false);
                }

                if (round > 0)
                {
                    samples[name].Add(watch.Elapsed.TotalMicroseconds / (Calls / 10));
                }
            }
        }

        var localUs = Median(samples["local"]);
        var redisUs = Median(samples["redis"]);
        Console.WriteLine($"OVERHEAD limiter-redis per-call local={localUs:0.0}us redis={redisUs:0.0}us overhead={redisUs - localUs:0.0}us (sequential calls, redis-server on loopback)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static long StableHash(string value)
    {
        var hash = 17L;
        foreach (var c in value)
        {
            hash = (hash * 31 + c) % 1_000_000_007;
        }

        return hash;
    }

    private static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
