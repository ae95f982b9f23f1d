using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using XpmGen.Auth;

namespace XpmGen.Runtime.Tests;

/// <summary>AddXpmClient and AddXpmOAuth as an app uses them: configuration, keyed clients, services from the container, against a loopback server.</summary>
public sealed class DependencyInjectionTests
{
    private const string Ok = "<Response><Status>OK</Status><Categories /></Response>";

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task AddXpmClient_reads_every_setting_from_configuration()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(Ok));
        var configuration = Configuration(new()
        {
            ["Xpm:TenantId"] = "tenant-from-config",
            ["Xpm:BaseAddress"] = server.BaseAddress.AbsoluteUri,
            ["Xpm:AccessToken"] = "token-from-config",
            ["Xpm:AttemptTimeout"] = "00:00:42",
            ["Xpm:Retry:MaxRetries"] = "2",
            ["Xpm:Retry:BaseDelay"] = "00:00:00.250",
            ["Xpm:Retry:MaxDelay"] = "00:00:05",
            ["Xpm:Retry:MaxRetryAfter"] = "00:00:30",
            ["Xpm:RateLimit:ConcurrentRequestsPerTenant"] = "2",
            ["Xpm:MaxResponseBodySize"] = "1048576",
            ["Xpm:RateLimit:RequestsPerWindowPerTenant"] = "30",
        });
        var services = new ServiceCollection();
        services.AddXpmClient(configuration.GetSection("Xpm"));
        await using var provider = Start(services);

        var options = provider.GetRequiredService<IOptions<XpmClientOptions>>().Value;
        Assert.Equal("tenant-from-config", options.TenantId);
        Assert.Equal(server.BaseAddress, options.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(42), options.AttemptTimeout);
        Assert.Equal(1048576, options.MaxResponseBodySize);
        Assert.Equal(2, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.MaxRetryAfter);
        Assert.NotSame(XpmRateLimiter.Shared, options.RateLimiter);

        // Resolved twice, the clients share the one limiter the section made.
        var xpm = provider.GetRequiredService<XpmClient>();
        Assert.IsType<XpmClient>(provider.GetRequiredService<IXpmClient>());
        Assert.Same(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), options.MeterFactory);
        Assert.Same(options.RateLimiter, provider.GetRequiredService<IOptions<XpmClientOptions>>().Value.RateLimiter);
        await xpm.SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);

        var request = server.SingleRequest;
        Assert.Equal("/practicemanager/3.1/category.api/list", request.Path);
        Assert.Equal("tenant-from-config", request.Header("xero-tenant-id"));
        Assert.Equal("Bearer token-from-config", request.Header("Authorization"));
    }

    [Fact]
    public async Task A_setting_that_does_not_parse_stops_startup_with_its_configuration_path()
    {
        var configuration = Configuration(new()
        {
            ["Xpm:AccessToken"] = "token",
            ["Xpm:AttemptTimeout"] = "soon",
            ["Xpm:Retry:MaxRetries"] = "many",
        });
        var services = new ServiceCollection();
        services.AddXpmClient(configuration.GetSection("Xpm"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Xpm:AttemptTimeout: 'soon'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Xpm:Retry:MaxRetries: 'many'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_out_of_range_in_configuration_is_named_at_startup()
    {
        var configuration = Configuration(new() { ["Xpm:AccessToken"] = "token", ["Xpm:Retry:MaxRetries"] = "50", ["Xpm:BaseAddress"] = "https://example.test/" });
        var services = new ServiceCollection();
        services.AddXpmClient("practiceA", configuration.GetSection("Xpm"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("'practiceA'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_clients_keep_their_own_tenants_and_resolve_as_keyed_services()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(Ok));
        var services = new ServiceCollection();
        var limiter = new XpmRateLimiter();
        services.AddXpmClient("practiceA", options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.TenantId = "tenant-A";
            options.AccessTokenProvider = new StaticAccessTokenProvider("token-A");
            options.RateLimiter = limiter;
        });
        var configuration = Configuration(new() { ["Xpm:PracticeB:TenantId"] = "tenant-B", ["Xpm:PracticeB:BaseAddress"] = server.BaseAddress.AbsoluteUri, ["Xpm:PracticeB:AccessToken"] = "token-B" });
        services.AddXpmClient("practiceB", configuration.GetSection("Xpm:PracticeB"), options => options.RateLimiter = limiter);
        services.AddTransient<TwoPractices>();
        await using var provider = Start(services);

        var both = provider.GetRequiredService<TwoPractices>();
        Assert.Equal("tenant-A", both.A.TenantId);
        Assert.Equal("tenant-B", both.B.TenantId);
        Assert.Null(provider.GetService<XpmClient>());

        await both.A.SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);
        await both.B.SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);
        await provider.GetRequiredKeyedService<XpmClient>("practiceA").SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);
        Assert.IsType<XpmClient>(provider.GetRequiredKeyedService<IXpmClient>("practiceB"));

        var seen = server.Requests.Select(r => (r.Header("xero-tenant-id"), r.Header("Authorization"))).ToArray();
        Assert.Equal(
            [("tenant-A", "Bearer token-A"), ("tenant-B", "Bearer token-B"), ("tenant-A", "Bearer token-A")],
            seen);
    }

    [Fact]
    public async Task A_named_client_sends_through_its_own_http_client_and_resilience_handler()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(Ok));
        var services = new ServiceCollection();
        var counter = new CountingHandler();
        services.AddXpmClient("practiceA", options =>
            {
                options.BaseAddress = server.BaseAddress;
                options.TenantId = "tenant-A";
                options.AccessTokenProvider = new StaticAccessTokenProvider("token-A");
                options.Retry.MaxRetries = 1;
                options.RateLimiter = new XpmRateLimiter();
            })
            .AddHttpMessageHandler(() => counter)
            .AddXpmResilienceHandler();
        await using var provider = Start(services);

        Assert.Equal("XpmGen.practiceA", XpmServiceCollectionExtensions.GetHttpClientName("practiceA"));
        var pipeline = provider.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get("XpmGen.practiceA-standard");
        Assert.Equal(1, pipeline.Retry.MaxRetryAttempts);

        await provider.GetRequiredKeyedService<XpmClient>("practiceA").SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);

        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task The_token_provider_comes_from_the_container_keyed_first()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(Ok));
        var services = new ServiceCollection();
        services.AddSingleton<IXpmAccessTokenProvider>(new StaticAccessTokenProvider("token-unkeyed"));
        services.AddKeyedSingleton<IXpmAccessTokenProvider>("practiceA", new StaticAccessTokenProvider("token-keyed-A"));
        var limiter = new XpmRateLimiter();
        services.AddXpmClient(options => { options.BaseAddress = server.BaseAddress; options.TenantId = "tenant-default"; options.RateLimiter = limiter; });
        services.AddXpmClient("practiceA", options => { options.BaseAddress = server.BaseAddress; options.TenantId = "tenant-A"; options.RateLimiter = limiter; });
        services.AddXpmClient("practiceB", options => { options.BaseAddress = server.BaseAddress; options.TenantId = "tenant-B"; options.RateLimiter = limiter; });
        await using var provider = Start(services);

        await provider.GetRequiredService<XpmClient>().SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);
        await provider.GetRequiredKeyedService<XpmClient>("practiceA").SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);
        await provider.GetRequiredKeyedService<XpmClient>("practiceB").SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);

        Assert.Equal(new string?[] { "Bearer token-unkeyed", "Bearer token-keyed-A", "Bearer token-unkeyed" }, server.Requests.Select(r => r.Header("Authorization")).ToArray());
    }

    [Fact]
    public async Task AddXpmOAuth_refreshes_through_the_token_endpoint_and_saves_to_the_store_from_the_container()
    {
        var tokenRequests = new List<string>();
        await using var server = TestHttpServer.Start(request =>
        {
            if (request.Path == "/connect/token")
            {
                lock (tokenRequests)
                {
                    tokenRequests.Add(request.BodyText);
                }

                return CannedResponse.Text("""{"access_token":"fresh-access","refresh_token":"rotated-refresh","expires_in":1800,"token_type":"Bearer","scope":"practicemanager offline_access"}""", "application/json");
            }

            return CannedResponse.Xml(Ok);
        });
        var store = new InMemoryXpmTokenStore();
        await store.SaveAsync("practice-connection", new XpmTokenSet("stale-access", "old-refresh", DateTimeOffset.UtcNow.AddMinutes(-1)), Ct);
        var identity = new Uri($"http://127.0.0.1:{server.Port}/");
        var configuration = Configuration(new()
        {
            ["Xpm:OAuth:ClientId"] = "client-id",
            ["Xpm:OAuth:ClientSecret"] = "client-secret",
            ["Xpm:OAuth:IdentityServer"] = identity.AbsoluteUri,
            ["Xpm:OAuth:Scopes"] = "practicemanager offline_access",
            ["Xpm:OAuth:TokenKey"] = "practice-connection",
            ["Xpm:TenantId"] = "tenant-A",
            ["Xpm:BaseAddress"] = server.BaseAddress.AbsoluteUri,
            ["Xpm:RateLimit:ConcurrentRequestsPerTenant"] = "5",
        });
        var services = new ServiceCollection();
        services.AddSingleton<IXpmTokenStore>(store);
        services.AddXpmOAuth(configuration.GetSection("Xpm:OAuth"));
        services.AddXpmClient(configuration.GetSection("Xpm"));
        await using var provider = Start(services);

        var oauth = provider.GetRequiredService<XpmOAuthClient>();
        Assert.Equal(new Uri(identity, "connect/token"), oauth.Options.TokenEndpoint);
        Assert.Same(provider.GetRequiredService<XpmRefreshingAccessTokenProvider>(), provider.GetRequiredService<IOptions<XpmClientOptions>>().Value.AccessTokenProvider);

        await provider.GetRequiredService<XpmClient>().SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);
        await provider.GetRequiredService<XpmClient>().SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);

        var refresh = Assert.Single(tokenRequests);
        Assert.Contains("grant_type=refresh_token", refresh, StringComparison.Ordinal);
        Assert.Contains("refresh_token=old-refresh", refresh, StringComparison.Ordinal);
        var calls = server.Requests.Where(r => r.Path != "/connect/token").ToArray();
        Assert.Equal(2, calls.Length);
        Assert.All(calls, call => Assert.Equal("Bearer fresh-access", call.Header("Authorization")));
        var saved = await store.LoadAsync("practice-connection", Ct);
        Assert.Equal("rotated-refresh", saved?.RefreshToken);
    }

    [Fact]
    public async Task A_named_connection_feeds_the_client_of_the_same_name()
    {
        await using var server = TestHttpServer.Start(request => request.Path == "/connect/token"
            ? CannedResponse.Text("""{"access_token":"access-A","refresh_token":"r2","expires_in":1800}""", "application/json")
            : CannedResponse.Xml(Ok));
        var storeA = new InMemoryXpmTokenStore();
        await storeA.SaveAsync("practiceA", new XpmTokenSet("expired", "r1", DateTimeOffset.UtcNow.AddMinutes(-5)), Ct);
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IXpmTokenStore>("practiceA", storeA);
        services.AddXpmOAuth("practiceA", options =>
        {
            options.ClientId = "client-id";
            options.UseIdentityServer(new Uri($"http://127.0.0.1:{server.Port}/"));
        });
        services.AddXpmClient("practiceA", options => { options.BaseAddress = server.BaseAddress; options.TenantId = "tenant-A"; options.RateLimiter = new XpmRateLimiter(); });
        await using var provider = Start(services);

        await provider.GetRequiredKeyedService<XpmClient>("practiceA").SendRawAsync(HttpMethod.Get, "category.api/list", cancellationToken: Ct);

        Assert.Equal("Bearer access-A", server.Requests.Last().Header("Authorization"));
        Assert.Equal("r2", (await storeA.LoadAsync("practiceA", Ct))?.RefreshToken);
    }

    [Fact]
    public async Task AddXpmOAuth_without_a_token_store_stops_startup_naming_it()
    {
        var services = new ServiceCollection();
        services.AddXpmOAuth(options => options.ClientId = "client-id");
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(nameof(IXpmTokenStore), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddXpmOAuth_without_a_client_id_stops_startup_naming_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IXpmTokenStore>(new InMemoryXpmTokenStore());
        services.AddXpmOAuth(Configuration(new() { ["OAuth:ClientSecret"] = "secret" }).GetSection("OAuth"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ClientId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_protection_store_round_trips_and_refuses_a_tampered_or_moved_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "xpmgen-dp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var services = new ServiceCollection();
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(directory, "keys"))).SetApplicationName("xpmgen-tests");
            services.AddXpmDataProtectionTokenStore(Path.Combine(directory, "tokens"));
            await using var provider = services.BuildServiceProvider();
            var store = Assert.IsType<DataProtectionXpmTokenStore>(provider.GetRequiredService<IXpmTokenStore>());
            var tokens = new XpmTokenSet("secret-access", "secret-refresh", new DateTimeOffset(2026, 11, 21, 6, 30, 0, TimeSpan.Zero), "practicemanager offline_access");

            Assert.Null(await store.LoadAsync("practice/1", Ct));
            await store.SaveAsync("practice/1", tokens, Ct);
            Assert.Equal(tokens, await store.LoadAsync("practice/1", Ct));
            var bytes = await File.ReadAllBytesAsync(store.GetPath("practice/1"), Ct);
            Assert.DoesNotContain("secret-refresh", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

            // Another connection's name: its purpose differs, so the file does not open.
            File.Copy(store.GetPath("practice/1"), store.GetPath("practice/2"));
            await Assert.ThrowsAsync<XpmTokenStoreException>(async () => await store.LoadAsync("practice/2", Ct));

            // One byte changed.
            bytes[^5] ^= 0x40;
            await File.WriteAllBytesAsync(store.GetPath("practice/1"), bytes, Ct);
            var ex = await Assert.ThrowsAsync<XpmTokenStoreException>(async () => await store.LoadAsync("practice/1", Ct));
            Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);

            // Keys the app does not have: another key ring cannot open what this one protected.
            await store.SaveAsync("practice/1", tokens, Ct);
            var other = new DataProtectionXpmTokenStore(new EphemeralDataProtectionProvider(), Path.Combine(directory, "tokens"));
            await Assert.ThrowsAsync<XpmTokenStoreException>(async () => await other.LoadAsync("practice/1", Ct));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Start(ServiceCollection services)
    {
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    private sealed class TwoPractices([FromKeyedServices("practiceA")] XpmClient a, [FromKeyedServices("practiceB")] XpmClient b)
    {
        public XpmClient A { get; } = a;

        public XpmClient B { get; } = b;
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
