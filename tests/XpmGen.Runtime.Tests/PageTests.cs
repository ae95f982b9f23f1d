using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>Single pages (<see cref="XpmPage{T}"/>) of token- and number-paged lists, and <see cref="XpmRequest{TResponse}.WithFields"/>.</summary>
public sealed class PageTests
{
    private static string ClientsPage(string names, string? next, bool paginationFirst = false)
    {
        var clients = "<Clients>" + string.Concat(names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(static n => $"<Client><UUID>{n}</UUID><Name>{n}</Name></Client>")) + "</Clients>";
        var links = "<Pagination><Links><First>https://api.xero.com/practicemanager/3.1/client.api/paged-list?pageSize=2</First>"
            + (next is null ? string.Empty : $"<Next>{next}</Next>")
            + "</Links></Pagination>";
        return "<Response><Status>OK</Status>" + (paginationFirst ? links + clients : clients + links) + "</Response>";
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_page_reads_the_items_and_the_next_links_pageToken_in_either_order(bool paginationFirst)
    {
        var body = ClientsPage("a,b", "https://api.xero.com/practicemanager/3.1/client.api/paged-list?pageToken=cGFn%2BZTo%3D&amp;pageSize=2", paginationFirst);
        await using var server = TestHttpServer.Start(CannedResponse.Xml(body));

        var page = await CreateClient(server).SendAsync(ClientRequests.ListPage(pageSize: 2), Deadline());

        Assert.Equal(new[] { "a", "b" }, page.Items.Select(static c => c.Uuid));
        Assert.Equal("cGFn+ZTo=", page.NextPageToken);
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task The_last_token_page_has_no_token_and_no_more()
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(ClientsPage("c", next: null)));

        var page = await CreateClient(server).SendAsync(ClientRequests.ListPage(pageToken: "x"), Deadline());

        Assert.Equal("c", Assert.Single(page.Items).Uuid);
        Assert.Null(page.NextPageToken);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task One_request_value_sent_concurrently_gives_each_response_its_own_page()
    {
        // The generated reader is shared by every call of the builder: pages must not leak into each other.
        await using var server = TestHttpServer.Start(request => CannedResponse.Xml(
            request.Query.Contains("pageToken=one", StringComparison.Ordinal)
                ? ClientsPage("a1,a2", "client.api/paged-list?pageToken=two")
                : ClientsPage("b1", next: null)));
        var xpm = CreateClient(server);
        var first = ClientRequests.ListPage(pageToken: "one");
        var second = ClientRequests.ListPage(pageToken: "other");

        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => xpm.SendAsync(i % 2 == 0 ? first : second, Deadline())));

        for (var i = 0; i < pages.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? new[] { "a1", "a2" } : new[] { "b1" }, pages[i].Items.Select(static c => c.Uuid));
            Assert.Equal(i % 2 == 0 ? "two" : null, pages[i].NextPageToken);
        }
    }

    [Fact]
    public async Task A_number_page_may_have_more_until_one_comes_back_empty()
    {
        await using var server = TestHttpServer.Start(request => CannedResponse.Xml(request.Query == "page=1"
            ? "<Response><Status>OK</Status><Records>1</Records><Costs><Cost><UUID>k1</UUID></Cost></Costs></Response>"
            : "<Response><Status>OK</Status><Records>0</Records><Costs /></Response>"));
        var xpm = CreateClient(server);

        var first = await xpm.SendAsync(CostRequests.List(1), Deadline());
        var second = await xpm.SendAsync(CostRequests.List(2), Deadline());
        var all = new List<string?>();
        await foreach (var cost in xpm.Costs.ListAllAsync(Deadline()))
        {
            all.Add(cost.Uuid);
        }

        Assert.True(first.HasMore);
        Assert.Null(first.NextPageToken);
        Assert.Empty(second.Items);
        Assert.False(second.HasMore);
        Assert.Equal(new[] { "k1" }, all);
    }

    [Fact]
    public async Task Token_paging_resumes_from_a_saved_token()
    {
        await using var server = TestHttpServer.Start(request => CannedResponse.Xml(request.Query.Contains("pageToken=saved", StringComparison.Ordinal)
            ? ClientsPage("s1", "client.api/paged-list?pageToken=last")
            : ClientsPage("l1", next: null)));
        var xpm = CreateClient(server);

        var items = new List<string?>();
        await foreach (var client in xpm.PagesByTokenAsync("saved", static token => ClientRequests.ListPage(pageToken: token), Deadline()))
        {
            items.Add(client.Uuid);
        }

        Assert.Equal(new[] { "s1", "l1" }, items);
        Assert.Equal(new[] { "pageToken=saved", "pageToken=last" }, server.Requests.Select(static r => r.Query));
    }

    [Fact]
    public void WithFields_adds_one_comma_separated_fields_parameter_and_leaves_the_request_unchanged()
    {
        var request = ClientRequests.List(detailed: true);

        var narrowed = request.WithFields("UUID", " Name ").WithFields("UUID", "Email");

        Assert.Equal("client.api/list?detailed=true", request.RelativeUri);
        Assert.Equal("client.api/list?detailed=true&fields=UUID%2CEmail", narrowed.RelativeUri);
        Assert.Same(request.ResponseReader, narrowed.ResponseReader);
        Assert.Throws<ArgumentException>(() => request.WithFields());
        Assert.Throws<ArgumentException>(() => request.WithFields("UUID,Name"));
        Assert.Throws<ArgumentException>(() => request.WithFields(" "));
    }
}
