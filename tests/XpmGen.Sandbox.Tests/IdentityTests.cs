using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using XpmGen.Auth;

namespace XpmGen.Sandbox.Tests;

/// <summary>The whole OAuth 2.0 flow of the runtime against the sandbox's identity fake.</summary>
public sealed class IdentityTests
{
    private static readonly Uri RedirectUri = new("http://127.0.0.1:8765/callback");

    [Fact]
    public async Task Authorize_code_token_connections_call_refresh_and_the_rotated_token_is_refused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var oauth = new XpmOAuthClient(http, Options(sandbox));

        var authorization = oauth.CreateAuthorizationRequest();
        var (code, state) = await ApproveAsync(http, authorization.AuthorizeUri);
        Assert.Equal(authorization.State, state);

        var tokens = await oauth.ExchangeCodeAsync(code, authorization.CodeVerifier);
        Assert.NotNull(tokens.RefreshToken);
        Assert.InRange(tokens.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        var connection = Assert.Single(await oauth.GetConnectionsAsync(tokens.AccessToken));
        Assert.Equal(sandbox.TenantId, connection.TenantId);
        Assert.True(connection.IsPracticeManager);

        // The tokens open the API: an expired set in the store is refreshed once, and the call goes through.
        var store = new InMemoryXpmTokenStore();
        await store.SaveAsync("practice", new XpmTokenSet(tokens.AccessToken, tokens.RefreshToken, DateTimeOffset.UtcNow.AddMinutes(-1)), CancellationToken.None);
        using var provider = new XpmRefreshingAccessTokenProvider(oauth, store, "practice");
        var xpm = sandbox.CreateClient(options => options.AccessTokenProvider = provider);
        var raw = await xpm.SendRawAsync(HttpMethod.Get, "staff.api/list");
        Assert.Equal("List", raw.ApiMethod);
        var rotated = await store.LoadAsync("practice", CancellationToken.None);
        Assert.NotNull(rotated);
        Assert.NotEqual(tokens.RefreshToken, rotated!.RefreshToken);
        Assert.NotEqual(tokens.AccessToken, rotated.AccessToken);

        // The refresh token that was rotated away is dead: Xero answers invalid_grant and the practice must reconnect.
        await Assert.ThrowsAsync<XpmReconnectRequiredException>(() => oauth.RefreshAsync(tokens.RefreshToken!));
        var again = await oauth.RefreshAsync(rotated.RefreshToken!);
        Assert.NotNull(again.RefreshToken);
    }

    [Fact]
    public async Task A_code_is_refused_with_a_wrong_verifier_and_cannot_be_used_twice()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var oauth = new XpmOAuthClient(http, Options(sandbox));

        var authorization = oauth.CreateAuthorizationRequest();
        var (code, _) = await ApproveAsync(http, authorization.AuthorizeUri);
        var wrong = await Assert.ThrowsAnyAsync<XpmException>(() => oauth.ExchangeCodeAsync(code, new string('a', 64)));
        Assert.Contains("invalid_grant", wrong.Message, StringComparison.Ordinal);

        var second = oauth.CreateAuthorizationRequest();
        var (code2, _) = await ApproveAsync(http, second.AuthorizeUri);
        await oauth.ExchangeCodeAsync(code2, second.CodeVerifier);
        await Assert.ThrowsAnyAsync<XpmException>(() => oauth.ExchangeCodeAsync(code2, second.CodeVerifier));
    }

    [Fact]
    public async Task An_expired_access_token_gets_401_with_TokenExpired()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sandbox = await TestSandbox.StartAsync(new XpmSandboxOptions { TimeProvider = clock });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var oauth = new XpmOAuthClient(http, Options(sandbox), clock);
        var authorization = oauth.CreateAuthorizationRequest();
        var (code, _) = await ApproveAsync(http, authorization.AuthorizeUri);
        var tokens = await oauth.ExchangeCodeAsync(code, authorization.CodeVerifier);

        clock.Advance(TimeSpan.FromMinutes(31));
        using var response = await GatewayTests.SendAsync(http, sandbox, "staff.api/list", tokens.AccessToken, sandbox.TenantId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("TokenExpired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_refuses_a_missing_redirect_and_redirects_other_errors_with_state()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var noRedirect = await http.GetAsync(new Uri(sandbox.IdentityAddress, "connect/authorize?client_id=app&response_type=code&scope=practicemanager"));
        Assert.Equal(HttpStatusCode.BadRequest, noRedirect.StatusCode);

        using var plainChallenge = await http.GetAsync(new Uri(sandbox.IdentityAddress,
            "connect/authorize?client_id=app&response_type=code&scope=practicemanager&state=s1&code_challenge=abc&code_challenge_method=plain&redirect_uri=" + Uri.EscapeDataString(RedirectUri.AbsoluteUri)));
        Assert.Equal(HttpStatusCode.Redirect, plainChallenge.StatusCode);
        var query = QueryHelpers.ParseQuery(plainChallenge.Headers.Location!.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Equal("s1", query["state"].ToString());
    }

    internal static XpmOAuthOptions Options(XpmSandbox sandbox)
    {
        var options = new XpmOAuthOptions { ClientId = "sandbox-test-app", RedirectUri = RedirectUri }.UseIdentityServer(sandbox.IdentityAddress);
        options.Scopes.Add("practicemanager");
        options.Scopes.Add("offline_access");
        return options;
    }

    /// <summary>Follows the authorize URL as a browser would and reads the code from the redirect.</summary>
    internal static async Task<(string Code, string? State)> ApproveAsync(HttpClient http, Uri authorizeUri)
    {
        using var response = await http.GetAsync(authorizeUri);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri.AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        return (query["code"].ToString(), query.TryGetValue("state", out var state) ? state.ToString() : null);
    }
}

/// <summary>A clock tests move by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
