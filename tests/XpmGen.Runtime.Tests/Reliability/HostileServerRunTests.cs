using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using XpmGen.Auth;
using XpmGen.Diagnostics;
using Xunit.Abstractions;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>
/// The hostile-server run of issue 13, with figures: through the public API (an <see cref="XpmClient"/> whose token
/// provider refreshes against a loopback identity server) and raw-socket loopback servers (<see cref="TestHttpServer"/>),
/// it makes the token endpoint fail (500, <c>invalid_grant</c>, stall, reset) for 20 and 100 callers at token expiry,
/// echoes secrets back, stalls an error body after its headers and labels a plain body gzip. Each scenario counts what
/// it measures and gets a verdict; the table it prints is the one in docs/reliability.md. It runs in a few seconds, so CI
/// runs it.
/// </summary>
public sealed class HostileServerRunTests(ITestOutputHelper output)
{
    private const string Key = "practice-hostile";
    private const string OldRefresh = "refresh-OLD-hostile-61c0a2b9e4d74f15";
    private const string NewRefresh = "refresh-NEW-hostile-0b9e8d7c6a5f4e3d";
    private const string NewAccess = "access-NEW-hostile-9c8b7a6f5e4d3c2b1a09";
    private const string ClientId = "app-hostile";
    private const string ClientSecret = "client-SECRET-hostile-7e6d5c4b3a29";
    private static readonly TimeSpan TokenTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StalledTokenTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private static readonly string TokenJson =
        "{\"access_token\":\"" + NewAccess + "\",\"refresh_token\":\"" + NewRefresh + "\",\"expires_in\":1800,\"token_type\":\"Bearer\"}";

    /// <summary>Every secret a scenario could leak: the tokens, the client secret and the Basic credentials built from it.</summary>
    private static readonly string[] Secrets =
    {
        OldRefresh, NewRefresh, NewAccess, ClientSecret, Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)),
    };

    private readonly List<Row> _rows = new();

    [Fact]
    public async Task A_hostile_server_run_gives_typed_shared_bounded_and_redacted_failures()
    {
        using var telemetry = new Capture();
        await WarmUp(telemetry);
        var clock = Stopwatch.StartNew();

        foreach (var callers in new[] { 20, 100 })
        {
            await TokenFailure(telemetry, callers, "token endpoint 500", _ => CannedResponse.Text("{\"error\":\"server_error\"}", "application/json", 500), typeof(XpmOAuthException));
            await InvalidGrant(telemetry, callers);
            await TokenFailure(telemetry, callers, "token endpoint stalls (token request timeout 1 s)", _ => new CannedResponse { Mode = BodyMode.StallBeforeHeaders }, typeof(XpmConnectionException));
            await TokenFailure(telemetry, callers, "token endpoint resets", _ => new CannedResponse { Mode = BodyMode.Drop }, typeof(XpmConnectionException));
        }

        await TokenEndpointEchoesSecrets(telemetry);
        await ApiEchoesTheAccessToken(telemetry);
        await StalledErrorBody(telemetry);
        await GzipOnAPlainBody();

        var leaks = Secrets.Sum(secret => telemetry.Occurrences(secret));
        Record("no secret in any log line or activity tag of the whole run", 0, $"{telemetry.LogCount} log entries, {telemetry.ActivityCount} activities; secret occurrences: {leaks}", leaks == 0);

        output.WriteLine($"Hostile-server run: {_rows.Count} scenarios in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("| Scenario | Callers | Measured | Verdict |");
        output.WriteLine("| --- | ---: | --- | --- |");
        foreach (var row in _rows)
        {
            output.WriteLine($"| {row.Scenario} | {(row.Callers == 0 ? "" : row.Callers.ToString(System.Globalization.CultureInfo.InvariantCulture))} | {row.Measured} | {(row.Pass ? "pass" : "FAIL")} |");
        }

        Assert.True(_rows.All(r => r.Pass), string.Join("\n", _rows.Where(r => !r.Pass).Select(r => $"{r.Scenario} ({r.Callers}): {r.Measured}")));
    }

    /// <summary>One good refresh and call first, so that no scenario's figures include the process's first connection and JIT.</summary>
    private static async Task WarmUp(Capture telemetry)
    {
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(TokenJson, "application/json"));
        await using var api = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients /></Response>"));
        var (client, _) = await Connect(identity, api, telemetry, TokenTimeout);
        Assert.Empty(await client.SendAsync(ListClients(), Deadline()));
    }

    /// <summary>All callers meet an expired set at once; the token endpoint fails; then more callers within the back-off.</summary>
    private async Task TokenFailure(Capture telemetry, int callers, string scenario, Func<RecordedRequest, CannedResponse> answer, Type expected)
    {
        await using var identity = TestHttpServer.Start(answer);
        await using var api = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients /></Response>"));
        var stall = scenario.Contains("stall", StringComparison.Ordinal);
        var (client, _) = await Connect(identity, api, telemetry, stall ? StalledTokenTimeout : TokenTimeout);
        telemetry.Watch(api);
        var clock = Stopwatch.StartNew();

        var first = await Wave(client, callers);
        var firstElapsed = clock.Elapsed;
        var afterWave = identity.Requests.Count;
        var second = await Wave(client, callers);

        var types = first.Concat(second).Select(e => e?.GetType().Name ?? "none").Distinct().ToArray();
        var typed = first.Concat(second).All(e => e is not null && e.GetType() == expected);
        var timeouts = !stall || first.All(e => e is XpmConnectionException { TimedOut: true, MayHaveBeenProcessed: true });
        var bounded = firstElapsed < (stall ? StalledTokenTimeout : TimeSpan.Zero) + TimeSpan.FromSeconds(5);
        Record(
            scenario,
            callers,
            $"token requests: {afterWave} for the wave, {identity.Requests.Count - afterWave} for {callers} more callers within the back-off; API requests {api.Requests.Count}; every caller {string.Join("/", types)}; wave {firstElapsed.TotalSeconds:F1} s",
            afterWave == 1 && identity.Requests.Count == 1 && api.Requests.Count == 0 && typed && timeouts && bounded);
    }

    private async Task InvalidGrant(Capture telemetry, int callers)
    {
        await using var identity = TestHttpServer.Start(CannedResponse.Text("{\"error\":\"invalid_grant\"}", "application/json", 400));
        await using var api = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients /></Response>"));
        var (client, _) = await Connect(identity, api, telemetry, TokenTimeout);
        telemetry.Watch(api);

        var first = await Wave(client, callers);

        // Past any back-off a transient failure would have: a dead refresh token is never sent again.
        await Task.Delay(1200);
        var later = await Wave(client, callers);
        var typed = first.Concat(later).All(e => e is XpmReconnectRequiredException);
        Record(
            "token endpoint says invalid_grant",
            callers,
            $"token requests: {identity.Requests.Count} in all, for {callers} callers and {callers} more 1.2 s later; API requests {api.Requests.Count}; every caller {(typed ? nameof(XpmReconnectRequiredException) : "NOT all XpmReconnectRequiredException")}",
            identity.Requests.Count == 1 && api.Requests.Count == 0 && typed);
    }

    private async Task TokenEndpointEchoesSecrets(Capture telemetry)
    {
        var echo = $"refresh token {OldRefresh} and secret {ClientSecret} are wrong";
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(
            "{\"error\":\"invalid_client " + OldRefresh + "\",\"error_description\":\"" + echo + "\"}",
            "application/json",
            401,
            ("xero-correlation-id", ClientSecret)));
        await using var api = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients /></Response>"));
        var (client, _) = await Connect(identity, api, telemetry, TokenTimeout);
        telemetry.Watch(api);

        var failures = await Wave(client, 20);
        var texts = failures.Select(Describe).ToArray();
        var leaks = Secrets.Sum(secret => texts.Count(t => t.Contains(secret, StringComparison.Ordinal)));
        Record(
            "token endpoint echoes the refresh token and client secret in error, error_description and xero-correlation-id",
            20,
            $"secret occurrences in exception messages and properties: {leaks}; token requests {identity.Requests.Count}; every caller {string.Join("/", failures.Select(e => e?.GetType().Name ?? "none").Distinct())}",
            leaks == 0 && identity.Requests.Count == 1 && failures.All(e => e is XpmOAuthException));
    }

    private async Task ApiEchoesTheAccessToken(Capture telemetry)
    {
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(TokenJson, "application/json"));
        await using var api = TestHttpServer.Start(request =>
        {
            var token = request.Header("Authorization")?.Replace("Bearer ", "", StringComparison.Ordinal) ?? "none";
            var response = CannedResponse.Xml(
                "<Response><Status>ERROR</Status><ErrorDescription>slow down " + token + "</ErrorDescription></Response>",
                request.Query.Contains("429", StringComparison.Ordinal) ? 429 : 400,
                ("X-Rate-Limit-Problem", "minute " + token),
                ("Retry-After", "1"));
            response.Headers.RemoveAll(h => h.Key == "xero-correlation-id");
            response.Headers.Add(new("xero-correlation-id", token));
            return response;
        });
        var (client, _) = await Connect(identity, api, telemetry, TokenTimeout);
        telemetry.Watch(api);

        var failures = new List<Exception?>();
        foreach (var status in new[] { "429", "400" })
        {
            failures.Add(await Outcome(() => client.SendAsync(ListClients(new XpmQuery().Add("status", status)), Deadline())));
        }

        var texts = failures.Select(Describe).ToArray();
        var leaks = Secrets.Sum(secret => texts.Count(t => t.Contains(secret, StringComparison.Ordinal)));
        Record(
            "API echoes the access token in ErrorDescription, X-Rate-Limit-Problem and xero-correlation-id (429 and 400)",
            0,
            $"secret occurrences in messages, ResponseExcerpt, LimitProblem, CorrelationId: {leaks}; outcomes {string.Join("/", failures.Select(e => e?.GetType().Name ?? "none"))}",
            leaks == 0 && failures[0] is XpmRateLimitException && failures[1] is XpmApiException or XpmHttpException);
    }

    private async Task StalledErrorBody(Capture telemetry)
    {
        var body = Encoding.UTF8.GetBytes("<Response><Status>ERROR</Status><ErrorDescription>boom</ErrorDescription></Response>");
        var response = new CannedResponse { Status = 500, Reason = "Internal Server Error", Body = body, Mode = BodyMode.Stall, CutAt = 10 };
        response.Headers.Add(new("Content-Type", "text/xml"));
        await using var api = TestHttpServer.Start(response);
        telemetry.Watch(api);
        var client = new XpmClient(NewHttpClient(), new XpmClientOptions
        {
            BaseAddress = api.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
            AttemptTimeout = AttemptTimeout,
        }, telemetry.Logger<XpmClient>());
        var clock = Stopwatch.StartNew();

        var failures = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Outcome(() => client.SendAsync(ListClients(), Deadline()))));
        var elapsed = clock.Elapsed;
        var typed = failures.All(e => e is XpmConnectionException { TimedOut: true });
        Record(
            "500 whose body stalls after the headers (attempt timeout 0.5 s)",
            20,
            $"all ended in {elapsed.TotalSeconds:F1} s; every caller {string.Join("/", failures.Select(e => e?.GetType().Name ?? "none").Distinct())} with TimedOut {(typed ? "true" : "NOT true")}",
            typed && elapsed < TimeSpan.FromSeconds(5));
    }

    private async Task GzipOnAPlainBody()
    {
        await using var api = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients /></Response>", 200, ("Content-Encoding", "gzip")));
        var client = XpmClient.Create(Token, TenantId, api.BaseAddress);

        var buffered = await Outcome(() => client.SendAsync(ListClients(), Deadline()));
        var streamed = await Outcome(async () =>
        {
            await foreach (var _ in client.StreamAsync(ListClients(), Deadline()))
            {
            }

            return 0;
        });
        Record(
            "Content-Encoding: gzip on a plain body (decompressing client)",
            0,
            $"buffered {buffered?.GetType().Name ?? "none"}, streamed {streamed?.GetType().Name ?? "none"}",
            buffered is XpmProtocolException && streamed is XpmProtocolException);
    }

    private static async Task<Exception?[]> Wave(XpmClient client, int callers) =>
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => Outcome(() => client.SendAsync(ListClients(), Deadline())))));

    private static async Task<Exception?> Outcome<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Every text of an exception a caller or a log could show.</summary>
    private static string Describe(Exception? ex) => ex switch
    {
        null => string.Empty,
        XpmOAuthException oauth => $"{oauth} {oauth.Error} {oauth.ErrorDescription} {oauth.CorrelationId} {oauth.ResponseExcerpt}",
        XpmRateLimitException limit => $"{limit} {limit.LimitProblem} {limit.CorrelationId} {limit.ResponseExcerpt}",
        XpmException xpm => $"{xpm} {xpm.CorrelationId} {xpm.ResponseExcerpt}",
        _ => ex.ToString(),
    };

    private static async Task<(XpmClient Client, XpmRefreshingAccessTokenProvider Provider)> Connect(TestHttpServer identity, TestHttpServer api, Capture telemetry, TimeSpan tokenTimeout)
    {
        var options = new XpmOAuthOptions
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            RedirectUri = new Uri("https://app.example/callback"),
            RequestTimeout = tokenTimeout,
        };
        options.UseIdentityServer(new Uri($"http://127.0.0.1:{identity.Port}/"));
        var store = new InMemoryXpmTokenStore();
        await store.SaveAsync(Key, new XpmTokenSet("access-OLD-expired", OldRefresh, DateTimeOffset.UtcNow.AddMinutes(-5), null), CancellationToken.None);
        var provider = new XpmRefreshingAccessTokenProvider(new XpmOAuthClient(NewHttpClient(), options), store, Key, null, telemetry.Logger<XpmRefreshingAccessTokenProvider>());
        var client = new XpmClient(NewHttpClient(), new XpmClientOptions
        {
            BaseAddress = api.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = provider,
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
            AttemptTimeout = AttemptTimeout,
        }, telemetry.Logger<XpmClient>());
        return (client, provider);
    }

    private void Record(string scenario, int callers, string measured, bool pass) => _rows.Add(new Row(scenario, callers, measured, pass));

    private sealed record Row(string Scenario, int Callers, string Measured, bool Pass);

    /// <summary>Captures every log entry (message, exception, state values) and every XpmGen activity's tags.</summary>
    private sealed class Capture : IDisposable
    {
        private readonly ConcurrentQueue<string> _texts = new();
        private readonly ConcurrentDictionary<int, bool> _ports = new();
        private readonly ActivityListener _listener;
        private int _logs;
        private int _activities;

        public Capture()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = static source => source.Name == XpmTelemetry.Name,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    // Only this run's calls: other tests run alongside and share the activity source.
                    if (activity.GetTagItem(XpmTelemetryTags.ServerPort) is not int port || !_ports.ContainsKey(port))
                    {
                        return;
                    }

                    Interlocked.Increment(ref _activities);
                    _texts.Enqueue(activity.DisplayName + " " + activity.StatusDescription + " " + string.Join(" ", activity.TagObjects.Select(t => t.Key + "=" + t.Value))
                        + " " + string.Join(" ", activity.Events.SelectMany(e => e.Tags.Select(t => t.Key + "=" + t.Value))));
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int LogCount => _logs;

        public int ActivityCount => _activities;

        public ILogger<T> Logger<T>() => new CapturingLogger<T>(this);

        public void Watch(TestHttpServer server) => _ports[server.Port] = true;

        public int Occurrences(string secret) => _texts.Count(t => t.Contains(secret, StringComparison.Ordinal));

        public void Dispose() => _listener.Dispose();

        private sealed class CapturingLogger<T>(Capture capture) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                Interlocked.Increment(ref capture._logs);
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Key + "=" + p.Value)) : string.Empty;
                capture._texts.Enqueue(formatter(state, exception) + " " + values + " " + exception);
            }
        }
    }
}
