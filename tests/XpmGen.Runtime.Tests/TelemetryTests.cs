using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using XpmGen.Diagnostics;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// The activity and the instruments of real calls against loopback servers: the HTTP client conventions' tags,
/// present and correct, never null, never the token. Tests run in parallel, so everything is filtered by the
/// server's port, which is unique to a test.
/// </summary>
public sealed class TelemetryTests
{
    private const string OkBody = "<Response><Status>OK</Status><Clients><Client><UUID>a</UUID><Name>Ann</Name></Client></Clients></Response>";

    [Fact]
    public async Task A_successful_call_has_the_http_client_tags_on_its_activity_and_instruments()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkBody));
        using var capture = new TelemetryCapture(server.Port);

        await CreateClient(server).SendAsync(ListClients(), Deadline());

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("XPM GET client.api/list", activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        AssertTags(
            activity.TagObjects,
            ("http.request.method", "GET"),
            ("url.template", "client.api/list"),
            ("server.address", "127.0.0.1"),
            ("server.port", server.Port),
            ("xpm.tenant.id", TenantId),
            ("http.response.status_code", 200),
            ("xero.correlation_id", "corr-200"));

        var request = Assert.Single(capture.Measurements("xpmgen.requests"));
        Assert.Equal(1L, request.Value);
        AssertTags(request.Tags, CommonTags(server.Port, "client.api/list").Append(("http.response.status_code", 200)).ToArray());
        var duration = Assert.Single(capture.Measurements("xpmgen.request.duration"));
        Assert.True((double)duration.Value > 0);
        AssertTags(duration.Tags, CommonTags(server.Port, "client.api/list").Append(("http.response.status_code", 200)).ToArray());
        Assert.Empty(capture.Measurements("xpmgen.retries"));
        capture.AssertClean();
    }

    [Fact]
    public async Task An_error_envelope_is_an_error_typed_by_its_exception_with_the_200_it_came_with()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>ERROR</Status><ErrorDescription>Invalid client identifier</ErrorDescription></Response>"));
        using var capture = new TelemetryCapture(server.Port);

        await Assert.ThrowsAsync<XpmApiException>(() => CreateClient(server).SendAsync(GetClient("0f3c"), Deadline()));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("XPM GET client.api/get/{uuid}", activity.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(nameof(XpmApiException), activity.StatusDescription);
        Assert.Equal("client.api/get/{uuid}", activity.GetTagItem("url.template"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("XpmGen.XpmApiException", activity.GetTagItem("error.type"));

        // The attempt itself succeeded at the HTTP level; the call failed.
        var request = Assert.Single(capture.Measurements("xpmgen.requests"));
        AssertTags(request.Tags, CommonTags(server.Port, "client.api/get/{uuid}").Append(("http.response.status_code", 200)).ToArray());
        var duration = Assert.Single(capture.Measurements("xpmgen.request.duration"));
        AssertTags(duration.Tags, CommonTags(server.Port, "client.api/get/{uuid}").Append(("http.response.status_code", 200)).Append(("error.type", "XpmGen.XpmApiException")).ToArray());
        capture.AssertClean();
    }

    [Fact]
    public async Task A_503_is_an_error_typed_by_its_status_code()
    {
        const string json = """{"Title":"Service Unavailable","Status":503,"Detail":"The service is undergoing maintenance"}""";
        await using var server = TestHttpServer.Start(CannedResponse.Text(json, "application/json", 503, ("Retry-After", "30")));
        using var capture = new TelemetryCapture(server.Port);

        await Assert.ThrowsAsync<XpmServiceUnavailableException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(503, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("503", activity.GetTagItem("error.type"));
        var expected = CommonTags(server.Port, "client.api/list").Append(("http.response.status_code", 503)).Append(("error.type", "503")).ToArray();
        AssertTags(Assert.Single(capture.Measurements("xpmgen.requests")).Tags, expected);
        AssertTags(Assert.Single(capture.Measurements("xpmgen.request.duration")).Tags, expected);
        capture.AssertClean();
    }

    [Fact]
    public async Task A_refused_connection_has_no_status_code_tag_and_the_connection_exception_as_error_type()
    {
        var port = ClosedPort();
        using var capture = new TelemetryCapture(port);
        using var http = NewHttpClient();
        var client = new XpmClient(http, new XpmClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/practicemanager/3.1/"),
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
        });

        await Assert.ThrowsAsync<XpmConnectionException>(() => client.SendAsync(ListClients(), Deadline()));

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.DoesNotContain(activity.TagObjects, static t => t.Key == "http.response.status_code");
        Assert.DoesNotContain(activity.TagObjects, static t => t.Key == "xero.correlation_id");
        Assert.Equal("XpmGen.XpmConnectionException", activity.GetTagItem("error.type"));
        Assert.Equal(port, activity.GetTagItem("server.port"));
        var expected = CommonTags(port, "client.api/list").Append(("error.type", "XpmGen.XpmConnectionException")).ToArray();
        AssertTags(Assert.Single(capture.Measurements("xpmgen.requests")).Tags, expected);
        AssertTags(Assert.Single(capture.Measurements("xpmgen.request.duration")).Tags, expected);
        capture.AssertClean();
    }

    [Fact]
    public async Task A_retried_503_counts_the_retry_and_the_resend()
    {
        var calls = 0;
        await using var server = TestHttpServer.Start(_ => Interlocked.Increment(ref calls) == 1
            ? CannedResponse.Text(string.Empty, "text/plain", 503, ("Retry-After", "0"))
            : CannedResponse.Xml(OkBody));
        using var capture = new TelemetryCapture(server.Port);
        using var http = NewHttpClient();
        var client = new XpmClient(http, new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = new XpmRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) },
            RateLimiter = GenerousLimits(),
        });

        await client.SendAsync(ListClients(), Deadline());

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(1, activity.GetTagItem("http.request.resend_count"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Null(activity.GetTagItem("error.type"));
        AssertTags(Assert.Single(capture.Measurements("xpmgen.retries")).Tags, CommonTags(server.Port, "client.api/list").Append(("error.type", "503")).ToArray());
        var statuses = capture.Measurements("xpmgen.requests").Select(static m => m.Tags.Single(t => t.Key == "http.response.status_code").Value).ToArray();
        Assert.Equal(new object?[] { 503, 200 }, statuses);
        capture.AssertClean();
    }

    [Fact]
    public async Task A_streamed_list_left_early_is_still_recorded_once_as_a_success()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients><Client><UUID>a</UUID></Client><Client><UUID>b</UUID></Client></Clients></Response>"));
        using var capture = new TelemetryCapture(server.Port);

        await foreach (var client in CreateClient(server).StreamAsync(ListClients(), Deadline()))
        {
            Assert.Equal("a", client.Uuid);
            break;
        }

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        AssertTags(Assert.Single(capture.Measurements("xpmgen.request.duration")).Tags, CommonTags(server.Port, "client.api/list").Append(("http.response.status_code", 200)).ToArray());
        capture.AssertClean();
    }

    [Fact]
    public async Task A_raw_call_leaves_out_the_template_rather_than_tag_a_concrete_path()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Client /></Response>"));
        using var capture = new TelemetryCapture(server.Port);

        await CreateClient(server).SendRawAsync(System.Net.Http.HttpMethod.Get, "client.api/get/0f3c-personal-id", cancellationToken: Deadline());

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("XPM GET", activity.DisplayName);
        Assert.Null(activity.GetTagItem("url.template"));
        Assert.DoesNotContain(capture.Measurements("xpmgen.requests").SelectMany(static m => m.Tags), static t => t.Key == "url.template");
        capture.AssertClean();
    }

    [Fact]
    public async Task A_client_given_a_meter_factory_records_on_the_factorys_meter()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkBody));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var capture = new TelemetryCapture(server.Port);
        using var http = NewHttpClient();
        var client = new XpmClient(http, new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
            MeterFactory = factory,
        });

        await client.SendAsync(ListClients(), Deadline());
        await client.SendAsync(ListClients(), Deadline());

        var requests = capture.Measurements("xpmgen.requests");
        Assert.Equal(2, requests.Count);
        Assert.All(requests, m => Assert.Same(factory, m.Meter.Scope));
        Assert.All(requests, static m => Assert.NotSame(XpmTelemetry.Meter, m.Meter));
        Assert.All(requests, static m => Assert.Equal(XpmTelemetry.Name, m.Meter.Name));
        Assert.All(capture.Measurements("xpmgen.request.duration"), m => Assert.Same(factory, m.Meter.Scope));
    }

    [Fact]
    public async Task The_opentelemetry_sdk_exports_both_through_AddXpmGenInstrumentation()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkBody));
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddXpmGenInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meter = Sdk.CreateMeterProviderBuilder().AddXpmGenInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await CreateClient(server).SendAsync(ListClients(), Deadline());
            Assert.True(tracer.ForceFlush());
            Assert.True(meter.ForceFlush());
        }

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("server.port"), server.Port));
        Assert.Equal("XPM GET client.api/list", span.DisplayName);
        Assert.Equal("client.api/list", span.GetTagItem("url.template"));

        // Snapshots of every export (the flush, then the provider's last one), of every test running meanwhile: ours by port.
        var ours = metrics.Where(static m => m.Name == "xpmgen.requests")
            .SelectMany(static m => m.MetricPoints)
            .Where(p => Tags(p).Any(t => t.Key == "server.port" && Equals(t.Value, server.Port)))
            .ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, static p => Assert.Equal(1L, p.GetSumLong()));
        AssertTags(Tags(ours[0]), CommonTags(server.Port, "client.api/list").Append(("http.response.status_code", 200)).ToArray());
        Assert.Contains(metrics, static m => m.Name == "xpmgen.request.duration" && m.Unit == "s" && m.MetricType == MetricType.Histogram);
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static IEnumerable<(string Key, object Value)> CommonTags(int port, string template) =>
    [
        ("http.request.method", "GET"),
        ("url.template", template),
        ("server.address", "127.0.0.1"),
        ("server.port", port),
    ];

    /// <summary>Exactly these tags, with these values: no more (so no xpm.endpoint, no null), no fewer.</summary>
    private static void AssertTags(IEnumerable<KeyValuePair<string, object?>> actual, params (string Key, object Value)[] expected)
    {
        var tags = actual.ToList();
        Assert.Equal(expected.Select(static e => e.Key).Order(StringComparer.Ordinal), tags.Select(static t => t.Key).Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, tags.Single(t => t.Key == key).Value);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed record Measurement(Instrument Instrument, Meter Meter, object Value, IReadOnlyList<KeyValuePair<string, object?>> Tags);

    /// <summary>Listens to the XpmGen source and meters (static or factory-made), keeping what concerns one port.</summary>
    private sealed class TelemetryCapture : IDisposable
    {
        private readonly int _port;
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ConcurrentQueue<Measurement> _measured = new();

        public TelemetryCapture(int port)
        {
            _port = port;
            _activities = new ActivityListener
            {
                ShouldListenTo = static source => source.Name == XpmTelemetry.Name,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (Equals(activity.GetTagItem("server.port"), _port))
                    {
                        _stopped.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meters.InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Meter.Name == XpmTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
            _meters.Start();
        }

        public IReadOnlyList<Activity> Activities => _stopped.ToArray();

        public IReadOnlyList<Measurement> Measurements(string instrument) => _measured.Where(m => m.Instrument.Name == instrument).ToArray();

        /// <summary>No tag is null and none holds the token, on any activity or measurement.</summary>
        public void AssertClean()
        {
            var all = _stopped.SelectMany(static a => a.TagObjects).Concat(_measured.SelectMany(static m => m.Tags)).ToList();
            Assert.NotEmpty(all);
            Assert.All(all, static tag => Assert.NotNull(tag.Value));
            Assert.All(all, static tag => Assert.DoesNotContain(Token, tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
            Assert.All(all, static tag => Assert.DoesNotContain("secret-token", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
            Assert.DoesNotContain(all, static tag => tag.Key.StartsWith("xpm.endpoint", StringComparison.Ordinal));
            Assert.All(_stopped, static a => Assert.DoesNotContain("secret-token", a.DisplayName, StringComparison.Ordinal));
        }

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }

        private void Keep(Instrument instrument, object value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = tags.ToArray();
            if (copy.Any(t => t.Key == "server.port" && Equals(t.Value, _port)))
            {
                _measured.Enqueue(new Measurement(instrument, instrument.Meter, value, copy));
            }
        }
    }
}
