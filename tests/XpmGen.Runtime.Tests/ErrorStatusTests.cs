using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>Non-success statuses: the gateway's JSON problems, XPM's 500 envelopes, HTML pages, rate limits.</summary>
public sealed class ErrorStatusTests
{
    [Fact]
    public async Task Expired_token_401_is_unauthorized_with_the_gateway_detail()
    {
        const string json = """{"Type":null,"Title":"Unauthorized","Status":401,"Detail":"TokenExpired: token expired at 01/15/2025 10:00:00","Instance":"c0ffee","Extensions":{}}""";
        await using var server = TestHttpServer.Start(CannedResponse.Text(json, "application/json", 401, ("WWW-Authenticate", "Bearer error=\"invalid_token\"")));

        var ex = await Assert.ThrowsAsync<XpmUnauthorizedException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("TokenExpired: token expired at 01/15/2025 10:00:00", ex.Detail);
        Assert.Contains("GET client.api/list returned HTTP 401 (Unauthorized): TokenExpired: token expired at", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Refresh", ex.Message, StringComparison.Ordinal);
        Assert.Equal("corr-401", ex.CorrelationId);
        Assert.Equal(HttpMethod.Get, ex.Method);
        Assert.Equal("client.api/list", ex.Path);
        Assert.StartsWith("{\"Type\":null,\"Title\":\"Unauthorized\"", ex.ResponseExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_without_body_falls_back_to_the_www_authenticate_header()
    {
        var response = CannedResponse.Text(string.Empty, "text/plain", 401, ("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        await using var server = TestHttpServer.Start(response);

        var ex = await Assert.ThrowsAsync<XpmUnauthorizedException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Contains("invalid_token", ex.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ex.ResponseExcerpt);
    }

    [Fact]
    public async Task Forbidden_403_names_tenant_scopes_and_approval()
    {
        const string json = """{"Type":null,"Title":"Forbidden","Status":403,"Detail":"AuthenticationUnsuccessful","Instance":"1a2b","Extensions":{}}""";
        await using var server = TestHttpServer.Start(CannedResponse.Text(json, "application/json", 403));

        var ex = await Assert.ThrowsAsync<XpmForbiddenException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("AuthenticationUnsuccessful", ex.Detail);
        Assert.Equal(ClientReadScopes, ex.AcceptedScopes);
        Assert.Contains("GET client.api/list returned HTTP 403 (Forbidden): AuthenticationUnsuccessful", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tenant", ex.Message, StringComparison.Ordinal);
        Assert.Contains("practicemanager, practicemanager.read, practicemanager.client, practicemanager.client.read", ex.Message, StringComparison.Ordinal);
        Assert.Contains("approval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limit_429_carries_retry_after_seconds_and_the_problem()
    {
        var response = CannedResponse.Text(string.Empty, "text/plain", 429, ("Retry-After", "22"), ("X-Rate-Limit-Problem", "minute"), ("X-MinLimit-Remaining", "0"));
        await using var server = TestHttpServer.Start(response);

        var ex = await Assert.ThrowsAsync<XpmRateLimitException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal(TimeSpan.FromSeconds(22), ex.RetryAfter);
        Assert.Equal("minute", ex.LimitProblem);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Contains("GET client.api/list returned HTTP 429", ex.Message, StringComparison.Ordinal);
        Assert.Contains("minute limit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("22 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Remaining!.MinuteRemaining);
        Assert.Null(ex.Remaining.DayRemaining);
    }

    [Fact]
    public async Task Rate_limit_429_with_an_http_date_turns_it_into_a_delay()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(120);
        var response = CannedResponse.Text(string.Empty, "text/plain", 429, ("Retry-After", at.ToString("r", CultureInfo.InvariantCulture)), ("X-Rate-Limit-Problem", "Day"));
        await using var server = TestHttpServer.Start(response);

        var ex = await Assert.ThrowsAsync<XpmRateLimitException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.NotNull(ex.RetryAfter);
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
        Assert.Equal("Day", ex.LimitProblem);
    }

    [Fact]
    public async Task Rate_limit_without_headers_has_null_retry_after()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Text(string.Empty, "text/plain", 429));

        var ex = await Assert.ThrowsAsync<XpmRateLimitException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Null(ex.RetryAfter);
        Assert.Null(ex.LimitProblem);
    }

    [Fact]
    public async Task Service_unavailable_503_json_is_its_own_exception()
    {
        const string json = """{"Title":"Service Unavailable","Status":503,"Detail":"The service is undergoing maintenance"}""";
        await using var server = TestHttpServer.Start(CannedResponse.Text(json, "application/json", 503, ("Retry-After", "30")));

        var ex = await Assert.ThrowsAsync<XpmServiceUnavailableException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal("The service is undergoing maintenance", ex.Detail);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Contains("GET client.api/list returned HTTP 503 (ServiceUnavailable): The service is undergoing maintenance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_500_is_an_http_exception_with_a_collapsed_excerpt()
    {
        const string html = "<!DOCTYPE html>\n<html>\n  <head><title>Server   Error</title></head>\n  <body>\n\n  <h1>Oops</h1>\n  </body>\n</html>";
        await using var server = TestHttpServer.Start(CannedResponse.Text(html, "text/html; charset=utf-8", 500));

        var ex = await Assert.ThrowsAsync<XpmHttpException>(() => CreateClient(server).SendAsync(GetClient("c1"), Deadline()));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("<!DOCTYPE html> <html> <head><title>Server Error</title></head> <body> <h1>Oops</h1> </body> </html>", ex.ResponseExcerpt);
        Assert.Contains("GET client.api/get/c1 returned HTTP 500 (InternalServerError) with HTML body", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Detail);
    }

    [Fact]
    public async Task Xpm_error_envelope_with_500_is_an_api_exception_with_that_status()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response api-method=\"Add\"><Status>ERROR</Status><ErrorDescription>Message not in expected format</ErrorDescription></Response>", 500));

        var ex = await Assert.ThrowsAsync<XpmApiException>(() => CreateClient(server).SendAsync(AddClient(new ClientModel { Name = "x" }), Deadline()));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("Message not in expected format", ex.ErrorDescription);
        Assert.Equal("Add", ex.ApiMethod);
        Assert.Equal(HttpMethod.Post, ex.Method);
        Assert.Contains("POST client.api/add returned HTTP 500 (InternalServerError) with status ERROR: Message not in expected format", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.ResponseExcerpt);
    }

    [Fact]
    public async Task Empty_404_is_an_http_exception_saying_the_body_was_empty()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Text(string.Empty, "text/plain", 404));

        var ex = await Assert.ThrowsAsync<XpmHttpException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("GET client.api/list returned HTTP 404 (NotFound) with an empty body", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_error_of_strict_mode_400_gives_its_error_description()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Text("""{"status":"ERROR","errorDescription":"date range must be less than one year"}""", "application/json", 400));

        var ex = await Assert.ThrowsAsync<XpmHttpException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal("date range must be less than one year", ex.Detail);
        Assert.Contains("HTTP 400 (BadRequest): date range must be less than one year", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Huge_error_body_is_read_only_up_to_a_bound_and_excerpted()
    {
        var html = "<html><body>" + new string('x', 4 * 1024 * 1024) + "</body></html>";
        await using var server = TestHttpServer.Start(CannedResponse.Text(html, "text/html", 502));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmHttpException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.InRange(ex.ResponseExcerpt!.Length, 400, 501);
        Assert.EndsWith("…", ex.ResponseExcerpt, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 1000, ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task The_token_never_appears_even_when_servers_echo_it()
    {
        var echoes = new[]
        {
            CannedResponse.Text($$"""{"Title":"Unauthorized","Status":401,"Detail":"Bad token {{Token}}"}""", "application/json", 401),
            CannedResponse.Text($$"""{"Title":"Forbidden","Status":403,"Detail":"token={{Token}}"}""", "application/json", 403),
            CannedResponse.Text($"<html><body>Authorization: Bearer {Token}</body></html>", "text/html", 500),
            CannedResponse.Xml($"<Response api-method=\"{Token}\"><Status>ERROR</Status><ErrorDescription>{Token}</ErrorDescription></Response>"),
            CannedResponse.Xml($"<Response><Status>{Token}</Status></Response>"),
            CannedResponse.Text($"Bearer {Token}", "text/plain"),
            CannedResponse.Xml($"<Response><Status>OK</Status><{Token}></Response>"),
            CannedResponse.Text(new string(' ', 490) + Token, "text/plain", 500),
        };

        foreach (var echo in echoes)
        {
            await using var server = TestHttpServer.Start(echo);
            var ex = await Assert.ThrowsAnyAsync<XpmException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

            var everything = ex + " " + ex.ResponseExcerpt + " " + (ex as XpmApiException)?.ErrorDescription + (ex as XpmApiException)?.ApiMethod
                + (ex as XpmUnauthorizedException)?.Detail + (ex as XpmForbiddenException)?.Detail;
            Assert.DoesNotContain("secret-token", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-token", ex.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_cut_by_the_capture_limit_leaves_no_fragment_in_the_excerpt()
    {
        // 4090 spaces collapse to nothing, so the first bytes of the token would lead the excerpt.
        await using var server = TestHttpServer.Start(CannedResponse.Text(new string(' ', 4090) + Token, "text/plain"));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.DoesNotContain(Token[..6], ex.ResponseExcerpt, StringComparison.Ordinal);
        Assert.Equal("[redacted]", ex.ResponseExcerpt);
    }

    [Fact]
    public async Task Redirect_that_is_not_followed_is_an_http_exception()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Text(string.Empty, "text/plain", 304));

        var ex = await Assert.ThrowsAsync<XpmHttpException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Equal(HttpStatusCode.NotModified, ex.StatusCode);
    }

    [Fact]
    public void Exceptions_are_one_closed_family()
    {
        foreach (var type in new[] { typeof(XpmApiException), typeof(XpmUnauthorizedException), typeof(XpmForbiddenException), typeof(XpmRateLimitException), typeof(XpmServiceUnavailableException), typeof(XpmHttpException), typeof(XpmProtocolException) })
        {
            Assert.True(type.IsSealed, type.Name);
            Assert.True(typeof(XpmException).IsAssignableFrom(type), type.Name);
        }

        Assert.True(typeof(XpmException).IsAbstract);
    }
}
