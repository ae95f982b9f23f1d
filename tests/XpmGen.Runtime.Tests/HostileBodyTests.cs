using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// Success statuses whose bodies are not what XPM promises: empty, not XML, cut short, DTD attacks.
/// Each call runs under a deadline so that a regression fails instead of hanging the run.
/// </summary>
public sealed class HostileBodyTests
{
    private const string Xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <Response><Status>OK</Status><Clients><Client><Name>&x;</Name></Client></Clients></Response>
        """;

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <Response><Status>OK</Status><Clients><Client><Name>&lol9;</Name></Client></Clients></Response>
        """;

    /// <summary>A hard bound besides the token: a read that cannot observe the token must still not hang the run.</summary>
    private static Task<T> Bounded<T>(Task<T> call) => call.WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Empty_body_is_a_protocol_error()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(string.Empty));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.Contains("GET client.api/list returned HTTP 200 (OK)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the body is empty", ex.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ex.ResponseExcerpt);
        Assert.IsType<XmlException>(ex.InnerException);
    }

    [Theory]
    [InlineData("Service temporarily down, please retry", "text")]
    [InlineData("""{"status":"OK","clients":[]}""", "JSON")]
    [InlineData("<!DOCTYPE html><html><body><p>Log in</p></body></html>", "HTML")]
    [InlineData("<html><body><p>Log in</p></body></html>", "<html>, not <Response>")]
    public async Task Body_that_is_not_the_expected_xml_is_a_protocol_error_with_an_excerpt(string body, string expected)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Text(body, "text/xml"));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET client.api/list", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(body, ex.ResponseExcerpt);
        Assert.Equal("corr-200", ex.CorrelationId);
        Assert.IsType<XmlException>(ex.InnerException);
    }

    [Fact]
    public async Task Body_cut_short_against_its_content_length_fails_fast()
    {
        var body = Encoding.UTF8.GetBytes("<Response><Status>OK</Status><Clients><Client><Name>Acme</Name></Client><Client><Na" + new string(' ', 500) + "</Clients></Response>");
        var response = new CannedResponse { Body = body, Mode = BodyMode.CutShort, CutAt = 80 };
        response.Headers.Add(new("Content-Type", "text/xml"));
        await using var server = TestHttpServer.Start(response);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Contains("cut short", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.StartsWith("<Response><Status>OK</Status>", ex.ResponseExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_ended_by_closing_the_connection_mid_element_fails_fast()
    {
        var body = Encoding.UTF8.GetBytes("<Response><Status>OK</Status><Clients><Client><Name>Acme</Name></Client><Client><Na");
        var response = new CannedResponse { Body = body, Mode = BodyMode.CloseDelimited };
        response.Headers.Add(new("Content-Type", "text/xml"));
        await using var server = TestHttpServer.Start(response);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Contains("ends before it is complete", ex.Message, StringComparison.Ordinal);
        Assert.IsType<XmlException>(ex.InnerException);
    }

    [Fact]
    public async Task Body_ended_after_the_status_but_before_the_response_end_fails()
    {
        var response = new CannedResponse { Body = Encoding.UTF8.GetBytes("<Response><Status>OK</Status>"), Mode = BodyMode.CloseDelimited };
        await using var server = TestHttpServer.Start(response);

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(DeleteClient("c1"), Deadline())));

        Assert.Contains("POST client.api/delete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xxe_document_is_refused_without_resolving_the_entity()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(Xxe));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("DtdProcessing property", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DTD is prohibited", Assert.IsType<XmlException>(ex.InnerException).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Billion_laughs_is_refused_quickly()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(BillionLaughs));
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DTD is prohibited", Assert.IsType<XmlException>(ex.InnerException).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dtd_in_an_error_body_is_not_processed_either()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(BillionLaughs.Replace("<Status>OK</Status>", "<Status>ERROR</Status>", StringComparison.Ordinal), 500));

        var ex = await Assert.ThrowsAsync<XpmHttpException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), Deadline())));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("XML with a DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_while_the_body_stalls_mid_payload_ends_the_call()
    {
        const string sent = "<Response><Status>OK</Status><Clients><Client><Name>Acme</Name></Client><Client>";
        var body = Encoding.UTF8.GetBytes(sent + new string(' ', 8000) + "</Client></Clients></Response>");
        var response = new CannedResponse { Body = body, Mode = BodyMode.Stall, CutAt = sent.Length + 100 };
        response.Headers.Add(new("Content-Type", "text/xml"));
        await using var server = TestHttpServer.Start(response);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), cancel.Token)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Cancelling_while_the_envelope_stalls_ends_the_call()
    {
        var body = Encoding.UTF8.GetBytes("<Response><Status>OK</Status></Response>");
        var response = new CannedResponse { Body = body, Mode = BodyMode.Stall, CutAt = 19 };
        await using var server = TestHttpServer.Start(response);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Bounded(CreateClient(server).SendAsync(ListClients(), cancel.Token)));
    }
}
