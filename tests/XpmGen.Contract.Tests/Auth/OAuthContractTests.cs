using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests.Auth;

/// <summary>OAuth 2.0 against WireMock as Xero's identity service.</summary>
[Collection(WireMockCollection.Name)]
public sealed class OAuthContractTests : IAsyncLifetime
{
    private const string StoreKey = "harbourside";
    private readonly WireMockServer _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public OAuthContractTests(WireMockServer server) => _server = server;

    private CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => _server.ResetJournalAsync();

    public Task DisposeAsync()
    {
        _http.Dispose();
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Twenty_concurrent_callers_share_one_refresh_and_the_rotated_set_is_persisted()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new InMemoryXpmTokenStore();
        await store.SaveAsync(StoreKey, new XpmTokenSet("access-token-1", "refresh-token-1", clock.GetUtcNow().AddSeconds(30)), Ct);
        using var provider = new XpmRefreshingAccessTokenProvider(CreateOAuthClient(clock), store, StoreKey, clock);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => provider.GetAccessTokenAsync(Ct).AsTask())));

        Assert.All(tokens, static t => Assert.Equal("access-token-2", t));
        var refreshes = await _server.FindRequestsAsync("POST", "/connect/token", Ct);
        Assert.Single(refreshes);
        Assert.Contains("refresh_token=refresh-token-1", refreshes[0].Body, StringComparison.Ordinal);
        var saved = await store.LoadAsync(StoreKey, Ct);
        Assert.Equal("refresh-token-2", saved!.RefreshToken);
        Assert.Equal(clock.GetUtcNow().AddSeconds(1800), saved.ExpiresAt);
    }

    [Fact]
    public async Task A_token_far_from_expiry_is_used_without_refreshing()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new InMemoryXpmTokenStore();
        await store.SaveAsync(StoreKey, new XpmTokenSet("access-token-1", "refresh-token-1", clock.GetUtcNow().AddMinutes(20)), Ct);
        using var provider = new XpmRefreshingAccessTokenProvider(CreateOAuthClient(clock), store, StoreKey, clock);

        Assert.Equal("access-token-1", await provider.GetAccessTokenAsync(Ct));
        clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal("access-token-2", await provider.GetAccessTokenAsync(Ct));

        Assert.Single(await _server.FindRequestsAsync("POST", "/connect/token", Ct));
    }

    [Fact]
    public async Task An_invalid_grant_asks_for_a_reconnect_instead_of_retrying()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-21T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new InMemoryXpmTokenStore();
        var stale = new XpmTokenSet("access-token-0", "revoked-refresh-token", clock.GetUtcNow().AddSeconds(-5));
        await store.SaveAsync(StoreKey, stale, Ct);
        using var provider = new XpmRefreshingAccessTokenProvider(CreateOAuthClient(clock), store, StoreKey, clock);

        var ex = await Assert.ThrowsAsync<XpmReconnectRequiredException>(() => provider.GetAccessTokenAsync(Ct).AsTask());

        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-refresh-token", ex.ToString(), StringComparison.Ordinal);
        Assert.Single(await _server.FindRequestsAsync("POST", "/connect/token", Ct));
        Assert.Equal(stale, await store.LoadAsync(StoreKey, Ct));
    }

    [Fact]
    public async Task The_code_is_exchanged_with_its_verifier_and_the_practices_are_listed()
    {
        var oauth = CreateOAuthClient(TimeProvider.System);
        var authorization = oauth.CreateAuthorizationRequest();

        var tokens = await oauth.ExchangeCodeAsync("code-from-redirect", authorization.CodeVerifier, Ct);
        var practices = await oauth.GetConnectionsAsync(tokens.AccessToken, cancellationToken: Ct);

        Assert.Equal(("access-token-1", "refresh-token-1"), (tokens.AccessToken, tokens.RefreshToken));
        var exchange = await _server.SingleRequestAsync("POST", "/connect/token", Ct);
        Assert.Contains("code_verifier=" + authorization.CodeVerifier, exchange.Body, StringComparison.Ordinal);
        Assert.Contains("client_id=xpmgen-contract-tests", exchange.Body, StringComparison.Ordinal);
        var practice = Assert.Single(practices);
        Assert.Equal("3b1be89e-f411-4cf9-9bde-a3eb08a8e897", practice.TenantId);
        Assert.Equal("Harbourside Chartered Accountants", practice.TenantName);
        Assert.True(practice.IsPracticeManager);
        Assert.Equal(2, (await oauth.GetConnectionsAsync(tokens.AccessToken, practicesOnly: false, Ct)).Count);
        Assert.DoesNotContain("access-token-1", tokens.ToString(), StringComparison.Ordinal);
    }

    private XpmOAuthClient CreateOAuthClient(TimeProvider clock)
    {
        var root = _server.ServerAddress;
        var options = new XpmOAuthOptions
        {
            ClientId = "xpmgen-contract-tests",
            RedirectUri = new Uri("http://127.0.0.1/callback"),
            TokenEndpoint = new Uri(root, "/connect/token"),
            ConnectionsEndpoint = new Uri(root, "/connections"),
            AuthorizeEndpoint = new Uri(root, "/identity/connect/authorize"),
        };
        options.Scopes.Add("practicemanager.client");
        return new XpmOAuthClient(_http, options, clock);
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
