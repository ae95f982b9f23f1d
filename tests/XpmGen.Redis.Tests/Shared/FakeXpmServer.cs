using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Redis.Testing;

/// <summary>
/// A fake XPM on loopback (real HTTP, <see cref="HttpListener"/>) that enforces XPM's per-tenant limits the way XPM does:
/// at most <see cref="PerWindow"/> accepted calls in any <see cref="Window"/> and <see cref="InFlight"/> at once, answering
/// 429 with <c>Retry-After</c> and <c>X-Rate-Limit-Problem</c> otherwise, and the limit headers on every answer. It also
/// serves an OAuth token endpoint that rotates refresh tokens (a used refresh token gets <c>invalid_grant</c>).
/// It counts what it saw, so a test or the scale benchmark can tell whether the limits were kept.
/// </summary>
public sealed class FakeXpmServer : IAsyncDisposable
{
    private static readonly byte[] StaffList = Encoding.UTF8.GetBytes(
        "<Response api-method=\"List\"><Status>OK</Status><StaffList><Staff><UUID>6d2f1e4a-0000-4000-8000-000000000001</UUID><Name>Jo Bloggs</Name></Staff></StaffList></Response>");

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _tokenLock = new();
    private readonly Task _loop;
    private int _tokenSequence;
    private string? _currentRefreshToken;
    private int _throttled;
    private int _accepted;
    private int _tokenRequests;
    private int _invalidGrants;

    /// <summary>Starts the server on a free loopback port.</summary>
    /// <param name="perWindow">Accepted calls per tenant in any window.</param>
    /// <param name="window">The window.</param>
    /// <param name="inFlight">Calls per tenant in progress at once.</param>
    /// <param name="latency">How long each accepted call takes.</param>
    public FakeXpmServer(int perWindow, TimeSpan window, int inFlight, TimeSpan latency)
    {
        PerWindow = perWindow;
        Window = window;
        InFlight = inFlight;
        Latency = latency;
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The API base address, as <see cref="XpmClientOptions.BaseAddress"/> takes it.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/practicemanager/3.1/");

    /// <summary>The token endpoint.</summary>
    public Uri TokenEndpoint => new($"http://127.0.0.1:{Port}/connect/token");

    /// <summary>Accepted calls per tenant in any <see cref="Window"/>.</summary>
    public int PerWindow { get; }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Calls per tenant in progress at once.</summary>
    public int InFlight { get; }

    /// <summary>How long each accepted call takes.</summary>
    public TimeSpan Latency { get; }

    /// <summary>The day's budget per tenant, reported in <c>X-DayLimit-Remaining</c>.</summary>
    public int DayBudget { get; set; } = 5000;

    /// <summary>How long a token request takes.</summary>
    public TimeSpan TokenLatency { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs before a token request is answered (after the rotation), for outage tests.</summary>
    public Action? OnTokenRequest { get; set; }

    /// <summary>429 answers sent.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Calls accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Token requests received.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Token requests refused with <c>invalid_grant</c>.</summary>
    public int InvalidGrants => Volatile.Read(ref _invalidGrants);

    /// <summary>The most calls of one tenant seen in progress at once.</summary>
    public int MaxInFlightSeen(string tenant) => Get(tenant).MaxInFlight;

    /// <summary>The most accepted calls of one tenant seen in any window.</summary>
    public int MaxInWindowSeen(string tenant) => Get(tenant).MaxInWindow;

    /// <summary>Makes the tenant's accepted calls take <paramref name="delay"/> instead of <see cref="Latency"/>.</summary>
    public void SetDelay(string tenant, TimeSpan delay) => Get(tenant).Delay = delay;

    /// <summary>The next call of the tenant gets this answer instead (a 429 or limit headers), whatever the counts.</summary>
    public void Script(string tenant, int status, params (string Name, string Value)[] headers) => Get(tenant).Scripted.Enqueue((status, headers));

    /// <summary>Issues the first token set of a connection (what the authorization flow would store).</summary>
    /// <returns>Access and refresh token.</returns>
    public (string AccessToken, string RefreshToken) IssueInitial()
    {
        lock (_tokenLock)
        {
            var n = ++_tokenSequence;
            _currentRefreshToken = "refresh-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
            return ("access-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"), _currentRefreshToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private Tenant Get(string tenant) => _tenants.GetOrAdd(tenant, static _ => new Tenant());

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url?.AbsolutePath ?? string.Empty;
            if (path == "/connect/token")
            {
                await TokenAsync(context).ConfigureAwait(false);
            }
            else
            {
                await ApiAsync(context).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client went away.
        }
    }

    private async Task ApiAsync(HttpListenerContext context)
    {
        var tenantId = context.Request.Headers["xero-tenant-id"] ?? string.Empty;
        var tenant = Get(tenantId);
        var response = context.Response;
        if (tenant.Scripted.TryDequeue(out var scripted))
        {
            foreach (var (name, value) in scripted.Headers)
            {
                response.AddHeader(name, value);
            }

            if (scripted.Status == 429)
            {
                Interlocked.Increment(ref _throttled);
            }

            await WriteAsync(response, scripted.Status, scripted.Status == 200 ? StaffList : Encoding.UTF8.GetBytes("<ApiError>throttled</ApiError>")).ConfigureAwait(false);
            return;
        }

        int remaining;
        int day;
        lock (tenant)
        {
            var now = Environment.TickCount64;
            while (tenant.Accepted.Count > 0 && now - tenant.Accepted.Peek() >= (long)Window.TotalMilliseconds)
            {
                tenant.Accepted.Dequeue();
            }

            string? problem = null;
            long retryAfterMs = 0;
            if (tenant.InFlightNow >= InFlight)
            {
                problem = "concurrent";
                retryAfterMs = 1000;
            }
            else if (tenant.Accepted.Count >= PerWindow)
            {
                problem = "minute";
                retryAfterMs = tenant.Accepted.Peek() + (long)Window.TotalMilliseconds - now;
            }

            if (problem is not null)
            {
                Interlocked.Increment(ref _throttled);
                response.AddHeader("Retry-After", Math.Max(1, (long)Math.Ceiling(retryAfterMs / 1000.0)).ToString(CultureInfo.InvariantCulture));
                response.AddHeader("X-Rate-Limit-Problem", problem);
                tenant.Throttled++;
                remaining = -1;
                day = -1;
            }
            else
            {
                tenant.Accepted.Enqueue(now);
                tenant.InFlightNow++;
                tenant.MaxInFlight = Math.Max(tenant.MaxInFlight, tenant.InFlightNow);
                tenant.MaxInWindow = Math.Max(tenant.MaxInWindow, tenant.Accepted.Count);
                tenant.DayUsed++;
                remaining = PerWindow - tenant.Accepted.Count;
                day = Math.Max(0, DayBudget - tenant.DayUsed);
            }
        }

        if (remaining < 0)
        {
            await WriteAsync(response, 429, Encoding.UTF8.GetBytes("<ApiError>throttled</ApiError>")).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _accepted);
        try
        {
            await Task.Delay(tenant.Delay ?? Latency, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (tenant)
            {
                tenant.InFlightNow--;
            }
        }

        response.AddHeader("X-MinLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        response.AddHeader("X-DayLimit-Remaining", day.ToString(CultureInfo.InvariantCulture));
        response.AddHeader("X-AppMinLimit-Remaining", "9999");
        await WriteAsync(response, 200, StaffList).ConfigureAwait(false);
    }

    private async Task TokenAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        string form;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            form = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        string? presented = null;
        foreach (var pair in form.Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "refresh_token")
            {
                presented = Uri.UnescapeDataString(parts[1].Replace('+', ' '));
            }
        }

        string body;
        int status;
        lock (_tokenLock)
        {
            if (presented is null || presented != _currentRefreshToken)
            {
                Interlocked.Increment(ref _invalidGrants);
                status = 400;
                body = "{\"error\":\"invalid_grant\"}";
            }
            else
            {
                var n = ++_tokenSequence;
                _currentRefreshToken = "refresh-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
                var access = "access-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
                status = 200;
                body = $"{{\"access_token\":\"{access}\",\"refresh_token\":\"{_currentRefreshToken}\",\"expires_in\":1800,\"token_type\":\"Bearer\",\"scope\":\"openid offline_access practicemanager\"}}";
            }
        }

        await Task.Delay(TokenLatency).ConfigureAwait(false);
        OnTokenRequest?.Invoke();
        context.Response.ContentType = "application/json";
        await WriteAsync(context.Response, status, Encoding.UTF8.GetBytes(body)).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        if (response.ContentType is null)
        {
            response.ContentType = "text/xml; charset=utf-8";
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Tenant
    {
        public Queue<long> Accepted { get; } = new();

        public ConcurrentQueue<(int Status, (string Name, string Value)[] Headers)> Scripted { get; } = new();

        public int InFlightNow { get; set; }

        public int MaxInFlight { get; set; }

        public int MaxInWindow { get; set; }

        public int DayUsed { get; set; }

        public int Throttled { get; set; }

        public TimeSpan? Delay { get; set; }
    }
}
