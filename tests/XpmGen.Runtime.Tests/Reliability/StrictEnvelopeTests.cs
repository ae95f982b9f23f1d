using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit.Abstractions;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>
/// Strict where lenient loses data: an ERROR anywhere wins, and an OK response without the payload its endpoint
/// always returns is an <see cref="XpmProtocolException"/>, buffered and streamed alike.
/// </summary>
public sealed class StrictEnvelopeTests(ITestOutputHelper output)
{
    private const string Item = "<Client><UUID>c1</UUID><Name>Acme</Name></Client>";

    public static TheoryData<string> ErrorThenOk => new()
    {
        "<Response><Status>ERROR</Status><ErrorDescription>No</ErrorDescription><Clients>" + Item + "</Clients><Status>OK</Status></Response>",
        "<Response><Status>OK</Status><Clients>" + Item + "</Clients><Status>ERROR</Status><ErrorDescription>No</ErrorDescription></Response>",
        "<Response><Clients>" + Item + "</Clients><Status> error </Status><Status>OK</Status></Response>",
    };

    [Theory]
    [MemberData(nameof(ErrorThenOk))]
    public async Task Any_ERROR_status_wins_buffered_and_streamed(string body)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));
        var client = CreateClient(server);

        await Assert.ThrowsAsync<XpmApiException>(() => client.SendAsync(ListClients(), Deadline()));
        await Assert.ThrowsAsync<XpmApiException>(() => Drain(client));
    }

    [Theory]
    [InlineData("<Response><Status>OK</Status></Response>", null)]
    [InlineData("<Response><Status>OK</Status><clients>" + Item + "</clients></Response>", "<clients>")]
    [InlineData("<Response><Status>OK</Status><Client><UUID>c1</UUID></Client></Response>", "<Client>")]
    [InlineData("<Response><Status>OK</Status><ClientList>" + Item + "</ClientList></Response>", "<ClientList>")]
    public async Task List_without_its_wrapper_is_a_protocol_error_buffered_and_streamed(string body, string? found)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));
        var client = CreateClient(server);

        var buffered = await Assert.ThrowsAsync<XpmProtocolException>(() => client.SendAsync(ListClients(), Deadline()));
        var streamed = await Assert.ThrowsAsync<XpmProtocolException>(() => Drain(client));

        foreach (var ex in new[] { buffered, streamed })
        {
            Assert.Contains("GET client.api/list", ex.Message, StringComparison.Ordinal);
            Assert.Contains("no a <Clients> list of <Client> items", ex.Message, StringComparison.Ordinal);
            if (found is not null)
            {
                Assert.Contains("found " + found, ex.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("<Response><Status>OK</Status><client><UUID>c1</UUID></client></Response>", "<client>")]
    [InlineData("<Response><Status>OK</Status><Clients>" + Item + "</Clients></Response>", "<Clients>")]
    public async Task Single_without_its_element_names_the_endpoint_and_what_came_instead(string body, string found)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(GetClient("c1"), Deadline()));

        Assert.Contains("GET client.api/get/c1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a <Client> element", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found " + found, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<client><Name>Acme</Name></client>", "holds a <client> element, which differs from its item or list element only in letter case")]
    [InlineData("<Job><Name>Acme</Name></Job>", "holds no <Client> item but a <Job> element")]
    [InlineData("Acme, Beta", "holds no <Client> item but text (10 characters)")]
    [InlineData("<Clients>" + Item + "</Clients>", "holds another <Clients> list inside it")]
    [InlineData(Item + "<client><Name>Lost</Name></client>", "holds a <client> element, which differs from its item or list element only in letter case")]
    [InlineData("<Job>" + Token + "</Job>", "holds no <Client> item but a <Job> element")]
    [InlineData("x" + Token + "y", "holds no <Client> item but text (46 characters)")]
    public async Task A_list_that_holds_something_other_than_its_items_is_refused_buffered_and_streamed(string content, string problem)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients>" + content + "</Clients></Response>"));
        var client = CreateClient(server);

        var buffered = await Assert.ThrowsAsync<XpmProtocolException>(() => client.SendAsync(ListClients(), Deadline()));
        var streamed = await Assert.ThrowsAsync<XpmProtocolException>(() => Drain(client));

        Assert.Equal(buffered.Message, streamed.Message);
        output.WriteLine(buffered.Message);
        Assert.Contains("GET client.api/list returned HTTP 200 (OK)", buffered.Message, StringComparison.Ordinal);
        Assert.Contains("a list holds something other than its items", buffered.Message, StringComparison.Ordinal);
        Assert.Contains("The <Clients> list " + problem, buffered.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, buffered.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, buffered.ResponseExcerpt ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nested_list_of_an_item_follows_the_same_rule()
    {
        // ReadList serves the nested lists of generated models too, so a client's <Contacts> holding only <contact>
        // is refused, not read as "no contacts".
        var body = "<Response><Status>OK</Status><Client><UUID>c1</UUID><Contacts><contact><Name>Ann</Name></contact></Contacts></Client></Response>";
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => XpmClient.Create(Token, TenantId, server.BaseAddress).Clients.GetAsync("c1", Deadline()));

        Assert.Contains("The <Contacts> list holds a <contact> element, which differs from its item or list element only in letter case", ex.Message, StringComparison.Ordinal);
        output.WriteLine(ex.Message);
    }

    [Fact]
    public async Task Empty_wrapper_is_an_empty_list_and_optional_payload_may_be_absent()
    {
        await using var server = TestHttpServer.Start(request => request.Method == "GET"
            ? CannedResponse.Xml("<Response><Status>OK</Status><Clients /><Unknown>x</Unknown></Response>")
            : CannedResponse.Xml("<Response><Status>OK</Status></Response>"));
        var client = CreateClient(server);

        Assert.Empty(await client.SendAsync(ListClients(), Deadline()));
        Assert.Empty(await Drain(client));
        Assert.Null(await client.SendAsync(AddClient(new ClientModel { Name = "x" }), Deadline()));
    }

    [Fact]
    public async Task Conflicting_OK_and_garbage_status_is_refused()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients /><Status>MAYBE</Status></Response>"));

        await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));
    }

    [Fact]
    public async Task A_duplicated_list_wrapper_is_refused_buffered_and_streamed()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status><Clients>" + Item + "</Clients><Clients>" + Item + "</Clients></Response>"));
        var client = CreateClient(server);

        var buffered = await Assert.ThrowsAsync<XpmProtocolException>(() => client.SendAsync(ListClients(), Deadline()));
        await Assert.ThrowsAsync<XpmProtocolException>(() => Drain(client));

        Assert.Contains("more than one <Clients>", buffered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicated_entity_is_refused()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>OK</Status>" + Item + "<Client><UUID>c2</UUID></Client></Response>"));

        var ex = await Assert.ThrowsAsync<XpmProtocolException>(() => CreateClient(server).SendAsync(GetClient("c1"), Deadline()));

        Assert.Contains("more than one <Client>", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<ClientModel>> Drain(XpmClient client)
    {
        var items = new List<ClientModel>();
        await foreach (var item in client.StreamAsync(ListClients(), Deadline()))
        {
            items.Add(item);
        }

        return items;
    }
}
