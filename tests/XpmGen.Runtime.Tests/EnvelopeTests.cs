using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>Reading the &lt;Response&gt; envelope of success and ERROR responses.</summary>
public sealed class EnvelopeTests
{
    [Fact]
    public async Task List_reader_reads_items_skips_unknown_elements_and_reads_empty_elements_as_null()
    {
        const string body = """
            <?xml version="1.0" encoding="utf-8"?>
            <Response api-method="List">
              <Status>OK</Status>
              <Extra><Nested>ignored</Nested></Extra>
              <Clients>
                <Client>
                  <UUID>c1</UUID>
                  <Name>Acme Ltd</Name>
                  <Email />
                  <Fax></Fax>
                  <IsArchived>No</IsArchived>
                  <BillableRate>150.00</BillableRate>
                  <Modified>2008-09-12T13:00:00</Modified>
                  <NewXeroField><Deep a="1">x</Deep></NewXeroField>
                </Client>
                <NotAClient>skipped</NotAClient>
                <Client><UUID>c2</UUID><Name>Beta</Name><IsArchived>Yes</IsArchived></Client>
                <Client />
              </Clients>
            </Response>
            """;
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var clients = await CreateClient(server).SendAsync(ListClients(), Deadline());

        Assert.Equal(3, clients.Count);
        var acme = clients[0];
        Assert.Equal("c1", acme.Uuid);
        Assert.Equal("Acme Ltd", acme.Name);
        Assert.Null(acme.Email);
        Assert.Null(acme.Fax);
        Assert.False(acme.IsArchived);
        Assert.Equal("150.00", acme.BillableRate!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2008, 9, 12, 13, 0, 0), acme.Modified);
        Assert.Equal(DateTimeKind.Unspecified, acme.Modified!.Value.Kind);
        Assert.Equal("Beta", clients[1].Name);
        Assert.True(clients[1].IsArchived);
        Assert.Null(clients[2].Name);
    }

    [Fact]
    public async Task Payload_before_status_is_read()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Clients><Client><Name>First</Name></Client></Clients><Status>OK</Status></Response>"));

        var clients = await CreateClient(server).SendAsync(ListClients(), Deadline());

        Assert.Equal("First", Assert.Single(clients).Name);
    }

    [Fact]
    public async Task Missing_list_wrapper_is_a_protocol_error()
    {
        // Not an empty list: a sync that believed it would delete its copy (issue 13).
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status></Response>"));

        await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));
    }

    [Fact]
    public async Task Single_reader_applies_the_envelope_WebUrl()
    {
        const string body = "<Response api-method=\"Get\"><Status>OK</Status><WebUrl>https://practicemanager.xero.com/Client/c1</WebUrl><Client><UUID>c1</UUID><Name>Acme</Name></Client></Response>";
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var client = await CreateClient(server).SendAsync(GetClient("c1"), Deadline());

        Assert.Equal("Acme", client.Name);
        Assert.Equal("https://practicemanager.xero.com/Client/c1", client.WebUrl);
    }

    [Fact]
    public async Task Single_reader_without_its_element_is_a_protocol_error()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Other /></Response>"));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(GetClient("c1"), Deadline()));

        Assert.Contains("<Client>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET client.api/get/c1", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<XmlException>(ex.InnerException);
    }

    [Fact]
    public async Task Optional_reader_reads_a_present_entity_and_null_when_absent()
    {
        await using var server = TestHttpServer.Start(request => request.BodyText.Contains("<Name>With</Name>", StringComparison.Ordinal)
            ? CannedResponse.Xml("<Response><Status>OK</Status><WebUrl>https://x/c9</WebUrl><Client><UUID>c9</UUID></Client></Response>")
            : CannedResponse.Xml("<Response><Status>OK</Status></Response>"));
        var client = CreateClient(server);

        var present = await client.SendAsync(AddClient(new ClientModel { Name = "With" }), Deadline());
        var absent = await client.SendAsync(AddClient(new ClientModel { Name = "Without" }), Deadline());

        Assert.Equal("c9", present!.Uuid);
        Assert.Equal("https://x/c9", present.WebUrl);
        Assert.Null(absent);
    }

    [Fact]
    public async Task None_reader_accepts_a_status_only_response()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response api-method=\"Delete\"><Status>OK</Status></Response>"));

        var result = await CreateClient(server).SendAsync(DeleteClient("c1"), Deadline());

        Assert.Equal(default, result);
        Assert.Equal("<Client><UUID>c1</UUID></Client>", server.SingleRequest.BodyText);
    }

    [Fact]
    public async Task Error_status_with_http_200_is_an_api_exception_with_everything_known()
    {
        var response = CannedResponse.Xml("<Response api-method=\"Get\"><Status>ERROR</Status><ErrorDescription>Invalid client identifier</ErrorDescription></Response>");
        response.Headers.RemoveAll(h => h.Key == "xero-correlation-id");
        response.Headers.Add(new("Xero-Correlation-Id", "9b1c7e2a-corr"));
        await using var server = TestHttpServer.Start(response);

        var ex = await Assert.ThrowsAsync<XpmApiException>(() => CreateClient(server).SendAsync(GetClient("nope"), Deadline()));

        Assert.Equal("Invalid client identifier", ex.ErrorDescription);
        Assert.Equal("Get", ex.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(HttpMethod.Get, ex.Method);
        Assert.Equal("client.api/get/nope", ex.Path);
        Assert.Equal("9b1c7e2a-corr", ex.CorrelationId);
        Assert.Same(ClientGet, ex.Endpoint);
        Assert.Null(ex.ResponseExcerpt);
        Assert.Contains("GET client.api/get/nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 200", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid client identifier", ex.Message, StringComparison.Ordinal);
        Assert.Contains("9b1c7e2a-corr", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_status_wins_over_a_payload_that_follows_it()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>ERROR</Status><ErrorDescription>Invalid state code</ErrorDescription><Client><BillableRate>not-a-number</BillableRate></Client></Response>"));

        var ex = await Assert.ThrowsAsync<XpmApiException>(() => CreateClient(server).SendAsync(GetClient("c1"), Deadline()));

        Assert.Equal("Invalid state code", ex.ErrorDescription);
        Assert.Null(ex.ApiMethod);
    }

    [Fact]
    public async Task Path_in_exceptions_leaves_out_the_query()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>ERROR</Status><ErrorDescription>Bad</ErrorDescription></Response>"));

        var ex = await Assert.ThrowsAsync<XpmApiException>(() => CreateClient(server).SendAsync(ListClients(new XpmQuery().Add("query", "Jane Doe")), Deadline()));

        Assert.Equal("client.api/list", ex.Path);
        Assert.DoesNotContain("Jane", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<Clients><Client /></Clients>", "not <Response>")]
    [InlineData("<Response />", "no <Status>")]
    [InlineData("<Response><Status>MAYBE</Status></Response>", "'MAYBE'")]
    [InlineData("<Response><Status /></Response>", "no <Status>")]
    [InlineData("<Response><Status>OK</Status></Response><Response />", "multiple root")]
    public async Task Malformed_envelopes_are_protocol_errors(string body, string expected)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        var text = ex.Message + " " + ex.InnerException?.Message;
        Assert.Contains(expected, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("GET client.api/list", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.NotNull(ex.ResponseExcerpt);
    }

    [Fact]
    public async Task Root_element_other_than_Response_is_named()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Clients><Client /></Clients>"));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.Contains("<Clients>, not <Response>", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_value_in_payload_is_a_protocol_error_naming_element_value_and_line()
    {
        const string body = "<Response>\n<Status>OK</Status>\n<Time>\n<Minutes>abc</Minutes>\n</Time>\n</Response>";
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(GetTime("t1"), Deadline()));

        var xml = Assert.IsAssignableFrom<XmlException>(ex.InnerException);
        Assert.Equal(4, xml.LineNumber);
        Assert.Contains("<Minutes>", xml.Message, StringComparison.Ordinal);
        Assert.Contains("'abc'", xml.Message, StringComparison.Ordinal);
        Assert.Contains("<Minutes>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET time.api/get/t1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a value is not in the expected format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_date_and_int_values_are_read_in_xpm_formats()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Time><Minutes>-15</Minutes><Start>13:05</Start><Date>20091023</Date></Time></Response>"));

        var time = await CultureScope.RunAsync("de-DE", () => CreateClient(server).SendAsync(GetTime("t1"), Deadline()));

        Assert.Equal(-15, time.Minutes);
        Assert.Equal(new TimeOnly(13, 5), time.Start);
        Assert.Equal(new DateOnly(2009, 10, 23), time.Date);
    }

    [Fact]
    public async Task Large_list_is_streamed_and_read_completely()
    {
        var builder = new System.Text.StringBuilder("<Response><Status>OK</Status><Clients>");
        for (var i = 0; i < 20_000; i++)
        {
            builder.Append("<Client><UUID>").Append(i).Append("</UUID><Name>Client number ").Append(i).Append("</Name><BillableRate>1.50</BillableRate></Client>");
        }

        builder.Append("</Clients></Response>");
        await using var server = TestHttpServer.Start(CannedResponse.Xml(builder.ToString()));

        var clients = await CreateClient(server).SendAsync(ListClients(), Deadline());

        Assert.Equal(20_000, clients.Count);
        Assert.Equal("19999", clients[^1].Uuid);
    }
}
