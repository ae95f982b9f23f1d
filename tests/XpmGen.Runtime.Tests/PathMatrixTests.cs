using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// One matrix: the same envelope and hostile bodies through the buffered, streamed and raw paths, which must
/// reach the same verdict (the outcome type, and for a success the items read), since all three share one
/// envelope reader and one response module.
/// </summary>
public sealed class PathMatrixTests
{
    private const string Item = "<Client><UUID>c1</UUID><Name>Acme</Name></Client>";

    public static IEnumerable<object[]> Bodies() => Cases.Select(static c => new object[] { c.Name });

    private static readonly (string Name, string Body, string Expected)[] Cases =
    [
        ("ok", Envelope("<Status>OK</Status><Clients>" + Item + Item + "</Clients>"), "OK 2"),
        ("ok with spaces", Envelope("<Status> OK </Status><Clients>" + Item + "</Clients>"), "OK 1"),
        ("ok in lower case, after the list", Envelope("<Clients>" + Item + "</Clients><Status>ok</Status>"), "OK 1"),
        ("ok, empty list", Envelope("<Status>OK</Status><Clients/>"), "OK 0"),
        ("ok, no list", Envelope("<Status>OK</Status>"), nameof(XpmProtocolException)),
        ("ok with prolog, comments, CDATA and quoted >", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- a > comment -->\n<Response api-method=\"a>b\">\n  <Status>OK</Status>\n  <Clients>\n    <Client note=\"x > y\"><UUID>c1</UUID><Name><![CDATA[A <b> & co]]></Name></Client>\n    <!-- between -->\n    " + Item + "\n  </Clients>\n</Response>\n", "OK 2"),
        ("error", Envelope("<Status>ERROR</Status><ErrorDescription>Too busy</ErrorDescription>"), nameof(XpmApiException)),
        ("error with spaces", Envelope("<Status> ERROR </Status><ErrorDescription>Too busy</ErrorDescription>"), nameof(XpmApiException)),
        ("error before a list", Envelope("<Status>ERROR</Status><Clients>" + Item + "</Clients>"), nameof(XpmApiException)),
        ("error after a list", Envelope("<Clients>" + Item + "</Clients><Status>Error</Status>"), nameof(XpmApiException)),
        ("no status", Envelope("<Clients>" + Item + "</Clients>"), nameof(XpmProtocolException)),
        ("unknown status", Envelope("<Status>MAYBE</Status>"), nameof(XpmProtocolException)),
        ("empty body", string.Empty, nameof(XpmProtocolException)),
        ("text", "Service temporarily down", nameof(XpmProtocolException)),
        ("json", """{"status":"OK","clients":[]}""", nameof(XpmProtocolException)),
        ("html", "<!DOCTYPE html><html><body>Log in</body></html>", nameof(XpmProtocolException)),
        ("other root", "<Clients>" + Item + "</Clients>", nameof(XpmProtocolException)),
        ("truncated document", "<Response><Status>OK</Status><Clients>" + Item + "<Client><Na", nameof(XpmProtocolException)),
        ("trailing garbage", Envelope("<Status>OK</Status>") + "<Response/>", nameof(XpmProtocolException)),
        ("xxe", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><Status>OK</Status><Clients><Client><Name>&x;</Name></Client></Clients></Response>", nameof(XpmProtocolException)),
        ("entity expansion", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><Response><Status>OK</Status><Clients><Client><Name>&b;</Name></Client></Clients></Response>", nameof(XpmProtocolException)),
        ("bad value in an item", Envelope("<Status>OK</Status><Clients><Client><UUID>c1</UUID><IsArchived>Perhaps</IsArchived></Client></Clients>"), nameof(XpmProtocolException)),
    ];

    /// <summary>
    /// The raw path hands out XML without reading values or knowing the endpoint's schema, so a bad value and a
    /// missing payload are not its concern (it returns a null payload).
    /// </summary>
    private static string RawExpectation(string name, string expected) => name switch
    {
        "bad value in an item" => "OK 1",
        "ok, no list" => "OK 0",
        _ => expected,
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Buffered_streamed_and_raw_paths_reach_the_same_verdict(string name)
    {
        var (_, body, expected) = Cases.Single(c => c.Name == name);
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));
        var client = CreateClient(server);

        var buffered = await Outcome(async () => (await client.SendAsync(ListClients(), Deadline())).Count);
        var streamed = await Outcome(async () =>
        {
            var count = 0;
            await foreach (var _ in client.StreamAsync(ListClients(), Deadline()))
            {
                count++;
            }

            return count;
        });
        var raw = await Outcome(async () =>
        {
            var response = await client.SendRawAsync(HttpMethod.Get, "client.api/list", cancellationToken: Deadline());
            return response.Payload?.Elements("Client").Count() ?? 0;
        });

        Assert.Equal(expected, buffered);
        Assert.Equal(expected, streamed);
        Assert.Equal(RawExpectation(name, expected), raw);
    }

    [Fact]
    public async Task A_body_cut_short_gets_the_same_verdict_on_every_path()
    {
        var body = Encoding.UTF8.GetBytes(Envelope("<Status>OK</Status><Clients>" + string.Concat(Enumerable.Repeat(Item, 50)) + "</Clients>"));
        await using var server = TestHttpServer.Start(new CannedResponse { Body = body, Mode = BodyMode.CutShort, CutAt = body.Length / 2 });
        var client = CreateClient(server);

        var buffered = await Outcome(async () => (await client.SendAsync(ListClients(), Deadline())).Count);
        var streamed = await Outcome(async () => await client.StreamAsync(ListClients(), Deadline()).CountAsync());
        var raw = await Outcome(async () => (await client.SendRawAsync(HttpMethod.Get, "client.api/list", cancellationToken: Deadline())).Payload is null ? 0 : 1);

        Assert.Equal(nameof(XpmProtocolException), buffered);
        Assert.Equal(buffered, streamed);
        Assert.Equal(buffered, raw);
    }

    private static async Task<string> Outcome(Func<Task<int>> call)
    {
        try
        {
            return "OK " + await call().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (XpmException ex)
        {
            return ex.GetType().Name;
        }
    }
}
