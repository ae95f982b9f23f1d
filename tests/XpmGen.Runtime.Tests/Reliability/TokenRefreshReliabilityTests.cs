using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>
/// Refresh failures are shared like successes, the connection survives a failed save, the refreshing caller can
/// cancel its wait, and token endpoint faults are typed; all against a real loopback token endpoint.
/// </summary>
public sealed class TokenRefreshReliabilityTests
{
    private const string Key = "practice-1";
    private const string OldRefresh = "refresh-OLD-5d1c9b0e2a474f638e156b7a";
    private const string NewRefresh = "refresh-NEW-9a8b7c6d5e4f3a2b1c0d9e8f";
    private const string ClientSecret = "client-SECRET-0f1e2d3c4b5a69788796";

    private static readonly string TokenJson =
        "{\"access_token\":\"access-NEW\",\"refresh_token\":\"" + NewRefresh + "\",\"expires_in\":1800,\"token_type\":\"Bearer\"}";

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    public async Task A_failing_refresh_is_shared_by_all_callers(int callers)
    {
        await using var identity = TestHttpServer.Start(_ =>
        {
            Thread.Sleep(300);
            return CannedResponse.Text("{\"error\":\"temporarily_unavailable\"}", "application/json", 503);
        });
        var (provider, _) = await Provider(identity);

        var calls = Enumerable.Range(0, callers).Select(_ => Task.Run(async () => await provider.GetAccessTokenAsync(Deadline()))).ToArray();
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<XpmOAuthException>(() => call);
        }

        Assert.InRange(identity.Requests.Count, 1, 3);

        // Within the back-off, later callers get the failure without another token request.
        await Assert.ThrowsAsync<XpmOAuthException>(async () => await provider.GetAccessTokenAsync(Deadline()));
        Assert.InRange(identity.Requests.Count, 1, 3);
    }

    [Fact]
    public async Task Invalid_grant_stops_token_requests_until_the_stored_set_changes()
    {
        var answer = CannedResponse.Text("{\"error\":\"invalid_grant\"}", "application/json", 400);
        await using var identity = TestHttpServer.Start(request => request.BodyText.Contains("refresh-FRESH", StringComparison.Ordinal)
            ? CannedResponse.Text(TokenJson, "application/json")
            : answer);
        var (provider, store) = await Provider(identity);

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await provider.GetAccessTokenAsync(Deadline()))).ToArray();
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<XpmReconnectRequiredException>(() => call);
        }

        await Task.Delay(1200);
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<XpmReconnectRequiredException>(async () => await provider.GetAccessTokenAsync(Deadline()));
        }

        Assert.Single(identity.Requests);

        // The user connects again: the store holds a new set, and refreshing starts again.
        await store.SaveAsync(Key, new XpmTokenSet("access-EXPIRED2", "refresh-FRESH", DateTimeOffset.UtcNow.AddMinutes(-1), null), CancellationToken.None);
        Assert.Equal("access-NEW", await provider.GetAccessTokenAsync(Deadline()));
        Assert.Equal(2, identity.Requests.Count);
    }

    [Fact]
    public async Task A_stalled_token_endpoint_is_a_typed_timeout_that_says_the_refresh_may_have_happened()
    {
        await using var identity = TestHttpServer.Start(new CannedResponse { Mode = BodyMode.StallBeforeHeaders });
        var (provider, _) = await Provider(identity, timeout: TimeSpan.FromMilliseconds(500));

        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(async () => await provider.GetAccessTokenAsync(Deadline()))).ToArray();
        foreach (var call in calls)
        {
            var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => call);
            Assert.True(ex.TimedOut);
            Assert.True(ex.MayHaveBeenProcessed);
            Assert.Contains("refresh", ex.Message, StringComparison.Ordinal);
        }

        Assert.Single(identity.Requests);
    }

    [Fact]
    public async Task A_reset_token_endpoint_is_a_typed_connection_failure()
    {
        await using var identity = TestHttpServer.Start(new CannedResponse { Mode = BodyMode.Drop });
        var (provider, _) = await Provider(identity);

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(async () => await provider.GetAccessTokenAsync(Deadline()));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.DoesNotContain(OldRefresh, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refreshing_caller_cancels_its_own_wait_at_once_and_the_refresh_completes_for_others()
    {
        await using var identity = TestHttpServer.Start(_ =>
        {
            Thread.Sleep(2500);
            return CannedResponse.Text(TokenJson, "application/json");
        });
        var (provider, store) = await Provider(identity);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await provider.GetAccessTokenAsync(cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"cancelled after {clock.Elapsed}");
        Assert.Equal("access-NEW", await provider.GetAccessTokenAsync(Deadline()));
        Assert.Single(identity.Requests);
        Assert.Equal(NewRefresh, (await store.LoadAsync(Key, CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task A_rotated_set_that_cannot_be_saved_is_kept_used_saved_later_and_reported()
    {
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(TokenJson, "application/json"));
        var store = new FlakyStore { FailSaves = true };
        await store.Inner.SaveAsync(Key, Expired(), CancellationToken.None);
        var (provider, _) = await Provider(identity, store: store);
        XpmTokenStoreException? reported = null;
        provider.SaveFailed += (_, ex) => reported = ex;

        Assert.Equal("access-NEW", await provider.GetAccessTokenAsync(Deadline()));

        Assert.True(provider.HasUnsavedTokens);
        Assert.IsType<XpmTokenStoreException>(provider.LastSaveFailure);
        Assert.Same(provider.LastSaveFailure, reported);
        Assert.IsAssignableFrom<XpmException>(reported);
        Assert.Equal(OldRefresh, (await store.Inner.LoadAsync(Key, CancellationToken.None))!.RefreshToken);

        // The store recovers: a later call saves the set it kept, and no second refresh was needed.
        store.FailSaves = false;
        provider.Invalidate();
        await Task.Delay(1100);
        Assert.Equal("access-NEW", await provider.GetAccessTokenAsync(Deadline()));
        Assert.False(provider.HasUnsavedTokens);
        Assert.Null(provider.LastSaveFailure);
        Assert.Equal(NewRefresh, (await store.Inner.LoadAsync(Key, CancellationToken.None))!.RefreshToken);
        Assert.Single(identity.Requests);
    }

    [Fact]
    public async Task A_save_that_fails_once_is_retried_at_once()
    {
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(TokenJson, "application/json"));
        var store = new FlakyStore { FailNextSaves = 1 };
        await store.Inner.SaveAsync(Key, Expired(), CancellationToken.None);
        var (provider, _) = await Provider(identity, store: store);

        Assert.Equal("access-NEW", await provider.GetAccessTokenAsync(Deadline()));

        Assert.False(provider.HasUnsavedTokens);
        Assert.Equal(NewRefresh, (await store.Inner.LoadAsync(Key, CancellationToken.None))!.RefreshToken);
    }

    [Fact]
    public async Task A_store_that_throws_on_load_is_a_typed_store_failure()
    {
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(TokenJson, "application/json"));
        var (provider, _) = await Provider(identity, store: new FlakyStore { FailLoads = true });

        var ex = await Assert.ThrowsAsync<XpmTokenStoreException>(async () => await provider.GetAccessTokenAsync(Deadline()));

        Assert.IsType<UnauthorizedAccessException>(ex.InnerException);
        Assert.Empty(identity.Requests);
    }

    [Fact]
    public async Task Secrets_the_token_endpoint_echoes_never_reach_the_exception()
    {
        var echo = $"refresh token {OldRefresh} and secret {ClientSecret} are wrong; code the-CODE-1234567 verifier the-VERIFIER-abcdefgh";
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(
            "{\"error\":\"invalid_client " + OldRefresh + "\",\"error_description\":\"" + echo + "\"}",
            "application/json",
            401,
            ("xero-correlation-id", OldRefresh)));
        var (provider, _) = await Provider(identity);
        var oauth = Oauth(identity, TimeSpan.FromSeconds(10));

        var refresh = await Assert.ThrowsAsync<XpmOAuthException>(async () => await provider.GetAccessTokenAsync(Deadline()));
        var exchange = await Assert.ThrowsAsync<XpmOAuthException>(() => oauth.ExchangeCodeAsync("the-CODE-1234567", "the-VERIFIER-abcdefgh", Deadline()));

        // Each call redacts the secrets it sent (the exchange never knew the refresh token the server invents here).
        foreach (var (ex, secrets) in new[] { (refresh, new[] { OldRefresh, ClientSecret }), (exchange, new[] { ClientSecret, "the-CODE-1234567", "the-VERIFIER-abcdefgh" }) })
        {
            var captured = ex.ToString() + " " + ex.ErrorDescription + " " + ex.Error + " " + ex.CorrelationId;
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, captured, StringComparison.Ordinal);
            }

            Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_huge_error_description_is_capped()
    {
        var huge = new string('x', 2_000_000);
        await using var identity = TestHttpServer.Start(_ => CannedResponse.Text(
            "{\"error\":\"invalid_client\",\"error_description\":\"" + huge + "\"}", "application/json", 400));
        var (provider, _) = await Provider(identity);

        var ex = await Assert.ThrowsAsync<XpmOAuthException>(async () => await provider.GetAccessTokenAsync(Deadline()));

        Assert.True(ex.Message.Length < 2000, $"message of {ex.Message.Length} characters");
    }

    private static XpmTokenSet Expired() => new("access-OLD", OldRefresh, DateTimeOffset.UtcNow.AddMinutes(-5), null);

    private static XpmOAuthClient Oauth(TestHttpServer identity, TimeSpan timeout)
    {
        var options = new XpmOAuthOptions
        {
            ClientId = "app",
            ClientSecret = ClientSecret,
            RedirectUri = new Uri("https://app.example/callback"),
            RequestTimeout = timeout,
        };
        options.UseIdentityServer(new Uri($"http://127.0.0.1:{identity.Port}/"));
        return new XpmOAuthClient(NewHttpClient(), options);
    }

    private static async Task<(XpmRefreshingAccessTokenProvider Provider, IXpmTokenStore Store)> Provider(TestHttpServer identity, TimeSpan? timeout = null, IXpmTokenStore? store = null)
    {
        if (store is null)
        {
            store = new InMemoryXpmTokenStore();
            await store.SaveAsync(Key, Expired(), CancellationToken.None);
        }

        return (new XpmRefreshingAccessTokenProvider(Oauth(identity, timeout ?? TimeSpan.FromSeconds(10)), store, Key), store);
    }

    /// <summary>A store whose saves or loads fail on demand, the way a full disk or a locked file does.</summary>
    private sealed class FlakyStore : IXpmTokenStore
    {
        public InMemoryXpmTokenStore Inner { get; } = new();

        public bool FailSaves { get; set; }

        public int FailNextSaves { get; set; }

        public bool FailLoads { get; set; }

        public ValueTask<XpmTokenSet?> LoadAsync(string key, CancellationToken cancellationToken) =>
            FailLoads ? throw new UnauthorizedAccessException("denied") : Inner.LoadAsync(key, cancellationToken);

        public ValueTask SaveAsync(string key, XpmTokenSet tokens, CancellationToken cancellationToken)
        {
            if (FailSaves || FailNextSaves-- > 0)
            {
                throw new IOException("disk full");
            }

            return Inner.SaveAsync(key, tokens, cancellationToken);
        }
    }
}
