using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The generated ListAllAsync helpers read every page in each of XPM's three paging styles.</summary>
[Collection(WireMockCollection.Name)]
public sealed class PagingContractTests : ContractTestBase
{
    public PagingContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Costs_are_read_page_by_page_until_a_page_is_empty()
    {
        var costs = await ToListAsync(Xpm.Costs.ListAllAsync(Ct));

        var pages = (await Server.FindRequestsAsync("GET", "/practicemanager/3.1/cost.api/list", Ct)).Select(static r => r.QueryValue("page")).ToList();
        Assert.Equal(new[] { "1", "2", "3" }, pages);
        var first = await Xpm.Costs.ListAsync(1, Ct);
        var second = await Xpm.Costs.ListAsync(2, Ct);
        Assert.True(first.HasMore);
        Assert.Equal(first.Items.Concat(second.Items).Select(static c => c.Uuid), costs.Select(static c => c.Uuid));
    }

    [Fact]
    public async Task Clients_are_read_by_following_the_next_links()
    {
        var clients = await ToListAsync(Xpm.Clients.ListAllAsync(pageSize: 2, Ct));

        Assert.Equal(3, clients.Count);
        var requests = await Server.FindRequestsAsync("GET", "/practicemanager/3.1/client.api/paged-list", Ct);
        Assert.Equal(new[] { (string?)null, "cGFnZToy" }, requests.Select(static r => r.QueryValue("pageToken")));
        Assert.All(requests, static r => Assert.Equal("2", r.QueryValue("pageSize")));
    }

    [Fact]
    public async Task A_range_over_a_year_is_split_into_windows_under_a_year()
    {
        await using var stub = await Server.AddMappingAsync(
            """
            { "priority": 1, "request": { "method": "GET", "urlPath": "/practicemanager/3.1/time.api/list" },
              "response": { "status": 200, "headers": { "Content-Type": "text/xml; charset=utf-8" },
                "body": "<Response><Status>OK</Status><Times><Time><UUID>t1</UUID><Minutes>30</Minutes></Time></Times></Response>" } }
            """,
            Ct);

        var times = await ToListAsync(Xpm.Time.ListAllAsync(new DateOnly(2024, 3, 1), new DateOnly(2026, 6, 30), Ct));

        var windows = (await Server.FindRequestsAsync("GET", "/practicemanager/3.1/time.api/list", Ct))
            .Select(static r => (r.QueryValue("from"), r.QueryValue("to")))
            .ToList();
        Assert.Equal(
            new (string?, string?)[] { ("20240301", "20250228"), ("20250301", "20260228"), ("20260301", "20260630") },
            windows);
        Assert.Equal(3, times.Count);
    }

    [Fact]
    public async Task A_backwards_range_is_refused_before_any_call()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ToListAsync(Xpm.Time.ListAllAsync(new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1), Ct)));

        Assert.Empty(await Server.GetRequestsAsync(Ct));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
