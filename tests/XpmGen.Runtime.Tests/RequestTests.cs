using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>What goes on the wire: URI, headers, body.</summary>
public sealed class RequestTests
{
    private const string OkList = "<Response api-method=\"List\"><Status>OK</Status><Clients /></Response>";

    [Fact]
    public async Task Get_sends_path_under_base_address_with_query_and_xpm_headers()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));
        var client = CreateClient(server);

        var query = new XpmQuery().Add("detailed", true).Add("modifiedsince", new DateTime(2024, 3, 5, 6, 7, 8)).Add("skipped", (string?)null);
        await client.SendAsync(ListClients(query), Deadline());

        var received = server.SingleRequest;
        Assert.Equal("GET", received.Method);
        Assert.Equal("/practicemanager/3.1/client.api/list", received.Path);
        Assert.Equal("detailed=true&modifiedsince=2024-03-05T06%3A07%3A08", received.Query);
        Assert.Equal("Bearer " + Token, received.Header("Authorization"));
        Assert.Equal(TenantId, received.Header("xero-tenant-id"));
        var accept = received.Header("Accept")!.Split(',').Select(v => v.Trim()).ToArray();
        Assert.Equal(new[] { "application/xml", "text/xml" }, accept);
        Assert.Matches(@"^XpmGen/\d+\.\d+\.\d+", received.Header("User-Agent"));
        Assert.Null(received.Header("Content-Type"));
        Assert.Empty(received.Body);
    }

    [Fact]
    public async Task Tenant_header_is_omitted_when_no_tenant_is_set()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));
        var client = CreateClient(server, tenantId: null);

        await client.SendAsync(ListClients(), Deadline());

        Assert.Empty(server.SingleRequest.HeaderValues("xero-tenant-id"));
        Assert.Equal("Bearer " + Token, server.SingleRequest.Header("Authorization"));
    }

    [Fact]
    public async Task Post_body_is_utf8_xml_without_bom_or_declaration()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Client><Name>Zoë &amp; Co</Name></Client></Response>"));
        var client = CreateClient(server);

        var added = await client.SendAsync(AddClient(new ClientModel { Name = "Zoë & Co", IsArchived = false, BillableRate = 150.50m }), Deadline());

        Assert.Equal("Zoë & Co", added!.Name);
        var received = server.SingleRequest;
        Assert.Equal("POST", received.Method);
        Assert.Equal("/practicemanager/3.1/client.api/add", received.Path);
        Assert.Equal("application/xml; charset=utf-8", received.Header("Content-Type"));
        Assert.NotEqual(0xEF, received.Body[0]);
        Assert.Equal("<Client><Name>Zoë &amp; Co</Name><IsArchived>No</IsArchived><BillableRate>150.50</BillableRate></Client>", received.BodyText);
        Assert.Equal(received.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Header("Content-Length"));
    }

    [Fact]
    public async Task Body_numbers_are_invariant_under_a_german_culture()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status></Response>"));
        var client = CreateClient(server);

        await CultureScope.RunAsync("de-DE", async () =>
        {
            Assert.Equal(",", System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
            return await client.SendAsync(AddClient(new ClientModel { BillableRate = 1234.5m }), Deadline());
        });

        Assert.Contains("<BillableRate>1234.5</BillableRate>", server.SingleRequest.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_parameters_are_escaped_as_one_segment()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Client><Name>x</Name></Client></Response>"));
        var client = CreateClient(server);

        await client.SendAsync(GetClient("a/b?c#d e"), Deadline());

        Assert.Equal("/practicemanager/3.1/client.api/get/a%2Fb%3Fc%23d%20e", server.SingleRequest.Path);
        Assert.Equal(string.Empty, server.SingleRequest.Query);
    }

    [Fact]
    public async Task Base_address_without_trailing_slash_keeps_its_last_segment()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));
        var client = CreateClient(server, baseAddress: new Uri($"http://127.0.0.1:{server.Port}/practicemanager/3.1"));

        await client.SendAsync(ListClients(), Deadline());

        Assert.Equal($"http://127.0.0.1:{server.Port}/practicemanager/3.1/", client.BaseAddress.AbsoluteUri);
        Assert.Equal("/practicemanager/3.1/client.api/list", server.SingleRequest.Path);
    }

    [Fact]
    public async Task Access_token_is_asked_for_on_every_request()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));
        var tokens = new CountingTokenProvider();
        var client = CreateClient(server, tokens: tokens);

        await client.SendAsync(ListClients(), Deadline());
        await client.SendAsync(ListClients(), Deadline());

        Assert.Equal(new[] { "Bearer token-1", "Bearer token-2" }, server.Requests.Select(r => r.Header("Authorization")).Order().ToArray());
    }

    [Fact]
    public async Task Blank_or_malformed_token_from_provider_fails_before_sending_without_echoing_it()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));

        var blank = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateClient(server, tokens: new FixedTokenProvider("  ")).SendAsync(ListClients(), Deadline()));
        Assert.Contains("no access token", blank.Message, StringComparison.Ordinal);

        const string bad = "abc\r\nX-Injected: 1";
        var malformed = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateClient(server, tokens: new FixedTokenProvider(bad)).SendAsync(ListClients(), Deadline()));
        Assert.DoesNotContain("abc", malformed.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Create_sends_the_token_and_tenant_it_was_given()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));
        using var http = NewHttpClient();
        var client = XpmClient.Create(Token, TenantId, server.BaseAddress, http);

        await client.SendAsync(ListClients(), Deadline());

        Assert.Equal("Bearer " + Token, server.SingleRequest.Header("Authorization"));
        Assert.Equal(TenantId, server.SingleRequest.Header("xero-tenant-id"));
    }

    [Fact]
    public void Create_without_http_client_targets_the_default_base_address()
    {
        var client = XpmClient.Create(Token, TenantId);

        Assert.Equal(XpmClientOptions.DefaultBaseAddress, client.BaseAddress);
        Assert.Throws<ArgumentException>(() => XpmClient.Create(Token, " "));
        Assert.Throws<ArgumentException>(() => XpmClient.Create("", TenantId));
    }

    [Fact]
    public void Options_without_token_provider_are_refused_naming_the_setting()
    {
        using var http = new HttpClient();
        var ex = Assert.Throws<ArgumentException>(() => new XpmClient(http, new XpmClientOptions { TenantId = TenantId }));
        Assert.Contains("AccessTokenProvider", ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    [Theory]
    [InlineData("client.api/")]
    [InlineData("ftp://example.test/3.1/")]
    [InlineData("https://example.test/3.1/?x=1")]
    public void Options_with_a_base_address_that_is_not_absolute_http_are_refused(string address)
    {
        using var http = new HttpClient();
        var options = new XpmClientOptions { AccessTokenProvider = new StaticAccessTokenProvider(Token), BaseAddress = new Uri(address, UriKind.RelativeOrAbsolute) };

        var ex = Assert.Throws<ArgumentException>(() => new XpmClient(http, options));

        Assert.Contains("BaseAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_a_blank_tenant_are_refused_and_null_arguments_throw()
    {
        using var http = new HttpClient();
        var ex = Assert.Throws<ArgumentException>(() => new XpmClient(http, new XpmClientOptions { AccessTokenProvider = new StaticAccessTokenProvider(Token), TenantId = " " }));
        Assert.Contains("TenantId", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new XpmClient(null!, new XpmClientOptions()));
        Assert.Throws<ArgumentNullException>(() => new XpmClient(http, null!));
    }

    [Fact]
    public async Task Static_token_provider_hides_its_token()
    {
        var provider = new StaticAccessTokenProvider(Token);

        Assert.DoesNotContain(Token, provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", provider.ToString(), StringComparison.Ordinal);
        Assert.Equal(Token, await provider.GetAccessTokenAsync(CancellationToken.None));
        Assert.Throws<ArgumentException>(() => new StaticAccessTokenProvider(" "));
    }

    [Fact]
    public async Task Cancelled_before_sending_throws_and_sends_nothing()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(OkList));
        var client = CreateClient(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(ListClients(), new CancellationToken(canceled: true)));

        Assert.Empty(server.Requests);
    }

    private sealed class CountingTokenProvider : IXpmAccessTokenProvider
    {
        private int _count;

        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            new("token-" + Interlocked.Increment(ref _count));
    }

    private sealed class FixedTokenProvider(string token) : IXpmAccessTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => new(token);
    }
}
