using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Diagnostics;
using Xunit;

namespace XpmGen.Contract.Tests.Resilience;

/// <summary>Logs, traces and metrics of real calls: what they say, and that no token ever appears in them.</summary>
[Collection(WireMockCollection.Name)]
public sealed class TelemetryContractTests : IAsyncLifetime, IDisposable
{
    private readonly WireMockServer _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly CapturingLogger _log = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _tracer;

    public TelemetryContractTests(WireMockServer server)
    {
        _server = server;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == XpmTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(static t => t.Key, static t => t.Value))));
        _meters.Start();
        _tracer = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == XpmTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _activities.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_tracer);
    }

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _server.ResetJournalAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _meters.Dispose();
        _tracer.Dispose();
        _http.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_successful_call_is_logged_traced_and_counted()
    {
        var xpm = CreateClient(ContractData.AccessToken);

        await xpm.Categories.ListAsync(Ct);

        var entry = Assert.Single(_log.Entries, static e => e.EventName == "CallCompleted");
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal("GET", entry.State["Method"]);
        Assert.Equal("category.api/list", entry.State["Path"]);
        Assert.Equal(ContractData.TenantId, entry.State["TenantId"]);
        Assert.Equal(200, entry.State["StatusCode"]);
        Assert.NotNull(entry.State["CorrelationId"]);
        var activity = Assert.Single(_activities, static a => a.DisplayName == "XPM GET category.api/list");
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Contains(_measurements, static m => m.Instrument == "xpmgen.requests" && (string?)m.Tags["http.request.method"] == "GET" && (string?)m.Tags["url.template"] == "category.api/list" && (int?)m.Tags["http.response.status_code"] == 200);
        AssertNoTokenAnywhere(ContractData.AccessToken);
    }

    [Fact]
    public async Task A_failed_call_is_logged_as_a_warning_without_the_token()
    {
        var xpm = CreateClient(ContractData.ExpiredAccessToken);

        await Assert.ThrowsAsync<XpmUnauthorizedException>(() => xpm.Categories.ListAsync(Ct));

        var entry = Assert.Single(_log.Entries, static e => e.EventName == "CallFailed");
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(nameof(XpmUnauthorizedException), entry.State["ErrorType"]);
        Assert.Equal(401, entry.State["StatusCode"]);
        Assert.Contains(_activities, static a => a.Status == ActivityStatusCode.Error);
        AssertNoTokenAnywhere(ContractData.ExpiredAccessToken);
    }

    [Fact]
    public async Task A_retry_is_logged_and_counted()
    {
        var scenario = "telemetry-" + Guid.NewGuid().ToString("N");
        await using var first = await _server.AddMappingAsync(
            $$"""{ "priority": 1, "scenarioName": "{{scenario}}", "requiredScenarioState": "Started", "newScenarioState": "again", "request": { "method": "GET", "urlPath": "/practicemanager/3.1/category.api/list" }, "response": { "status": 429, "headers": { "Retry-After": "0", "X-Rate-Limit-Problem": "minute" } } }""",
            Ct);
        await using var second = await _server.AddMappingAsync(
            $$"""{ "priority": 1, "scenarioName": "{{scenario}}", "requiredScenarioState": "again", "request": { "method": "GET", "urlPath": "/practicemanager/3.1/category.api/list" }, "response": { "status": 200, "headers": { "Content-Type": "text/xml; charset=utf-8" }, "body": "<Response><Status>OK</Status><Categories /></Response>" } }""",
            Ct);
        var xpm = CreateClient(ContractData.AccessToken);

        await xpm.Categories.ListAsync(Ct);

        var retry = Assert.Single(_log.Entries, static e => e.EventName == "Retrying");
        Assert.Equal("HTTP 429", retry.State["Outcome"]);
        Assert.Equal(1, retry.State["Attempt"]);
        Assert.Contains(_measurements, static m => m.Instrument == "xpmgen.retries" && (string?)m.Tags["error.type"] == "429");
        AssertNoTokenAnywhere(ContractData.AccessToken);
    }

    private XpmClient CreateClient(string accessToken) => new(
        _http,
        new XpmClientOptions
        {
            BaseAddress = _server.BaseAddress,
            TenantId = ContractData.TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(accessToken),
            RateLimiter = new XpmRateLimiter(),
            Retry = new XpmRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) },
        },
        _log);

    private void AssertNoTokenAnywhere(string token)
    {
        Assert.NotEmpty(_log.Entries);
        foreach (var entry in _log.Entries)
        {
            Assert.DoesNotContain(token, entry.Message, StringComparison.Ordinal);
            Assert.All(entry.State.Values, value => Assert.DoesNotContain(token, value?.ToString() ?? string.Empty, StringComparison.Ordinal));
        }

        foreach (var activity in _activities)
        {
            Assert.All(activity.TagObjects, tag => Assert.DoesNotContain(token, tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
        }
    }

    /// <summary>Keeps every log entry with its structured state.</summary>
    private sealed class CapturingLogger : ILogger<XpmClient>
    {
        public ConcurrentQueue<LogEntry> EntriesQueue { get; } = new();

        public IReadOnlyList<LogEntry> Entries => EntriesQueue.ToList();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(static p => p.Key, static p => p.Value)
                : new Dictionary<string, object?>();
            EntriesQueue.Enqueue(new LogEntry(logLevel, eventId.Name, formatter(state, exception), values));
        }
    }

    private sealed record LogEntry(LogLevel Level, string? EventName, string Message, Dictionary<string, object?> State);
}
