using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class CostContractTests : ContractTestBase
{
    /// <summary>Catalogue item "Courier - Auckland metro" (list page 1, get, update).</summary>
    private const string CourierUuid = "1f93be08-b3d3-4128-81d9-b1188f7b309e";

    /// <summary>Catalogue item "Companies Office annual return filing fee" (list page 1, delete).</summary>
    private const string FilingFeeUuid = "558a6746-9ab1-446f-b7dc-1bf418419b6e";

    /// <summary>A cost UUID the stub answers with HTTP 200 and Status ERROR.</summary>
    private const string UnknownCostUuid = "dbd43f6c-e289-4d4c-a82e-a4b0765d2d79";

    public CostContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_sends_the_page_number_and_reads_the_items_beside_the_Records_count()
    {
        var page = await Xpm.Costs.ListAsync(1, Ct);
        var costs = page.Items;

        var request = await SingleCallAsync("GET", "cost.api/list");
        Assert.Equal(new[] { "page" }, request.Query.Keys);
        Assert.Equal("1", request.QueryValue("page"));

        Assert.Equal(2, costs.Count);
        Assert.True(page.HasMore); // page-number paging: only an empty page ends the list
        Assert.Null(page.NextPageToken);
        var courier = costs[0];
        Assert.Equal(CourierUuid, courier.Uuid);
        Assert.Equal("Courier - Auckland metro", courier.Description);
        Assert.Equal("COURIER", courier.Code);
        Assert.Null(courier.Note); // <Note />
        Assert.Equal(18.50m, courier.UnitCost);
        Assert.Equal(25.00m, courier.UnitPrice);
        Assert.Equal("200", courier.IncomeAccount);
        Assert.Equal("310", courier.CostOfSaleAccount);
        Assert.Null(courier.Supplier);

        var filing = costs[1];
        Assert.Equal(FilingFeeUuid, filing.Uuid);
        Assert.Null(filing.Code); // <Code />
        Assert.Equal("Disbursement, passed on at cost", filing.Note);
        Assert.Equal(45.00m, filing.UnitCost);
        Assert.Equal(45.00m, filing.UnitPrice);
        Assert.Null(filing.IncomeAccount);
        Assert.Null(filing.CostOfSaleAccount);
    }

    [Fact]
    public async Task List_pages_are_read_until_XPM_returns_an_empty_page()
    {
        // XPM's documented paging: request page 1, 2, 3... until Records is 0 (an empty Costs element).
        var all = new List<Cost>();
        var pages = 0;
        for (var page = 1; page <= 10; page++)
        {
            var costs = await Xpm.Costs.ListAsync(page, Ct);
            pages++;
            if (!costs.HasMore)
            {
                Assert.Empty(costs.Items);
                break;
            }

            all.AddRange(costs.Items);
        }

        Assert.Equal(3, pages);
        Assert.Equal(
            new[] { "Courier - Auckland metro", "Companies Office annual return filing fee", "Printing and binding (per set)" },
            all.Select(c => c.Description));
        var single = all[2];
        Assert.Equal("1f75e621-297a-4677-a85a-4b36fb666e8c", single.Uuid);
        Assert.Equal("PRINT", single.Code);
        Assert.Equal(12.00m, single.UnitCost);
        Assert.Equal(20.00m, single.UnitPrice);

        var requests = await Server.FindRequestsAsync("GET", "cost.api/list", Ct);
        Assert.Equal(new[] { "1", "2", "3" }, requests.Select(r => r.QueryValue("page")));
        Assert.All(requests, r => Assert.True(r.WasMatched));
    }

    [Fact]
    public async Task Get_reads_one_catalogue_item()
    {
        var cost = await Xpm.Costs.GetAsync(CourierUuid, Ct);

        var request = await SingleCallAsync("GET", "cost.api/get/" + CourierUuid);
        Assert.Empty(request.Query);

        Assert.Equal(CourierUuid, cost.Uuid);
        Assert.Equal("Courier - Auckland metro", cost.Description);
        Assert.Equal("COURIER", cost.Code);
        Assert.Null(cost.Note);
        Assert.Equal(18.50m, cost.UnitCost);
        Assert.Equal(25.00m, cost.UnitPrice);
        Assert.Equal("200", cost.IncomeAccount);
        Assert.Equal("310", cost.CostOfSaleAccount);
    }

    [Fact]
    public async Task Get_of_an_unknown_cost_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Costs.GetAsync(UnknownCostUuid, Ct));

        Assert.Equal("Invalid cost identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("cost.api/get/" + UnknownCostUuid, error.Path);
        Assert.Equal("2d8f6a31-5c0e-4b7a-9e12-8a4c6f0b1c05", error.CorrelationId);

        await SingleCallAsync("GET", "cost.api/get/" + UnknownCostUuid);
    }

    [Fact]
    public async Task Add_posts_a_Cost_document_without_a_UUID_and_reads_the_new_item()
    {
        var cost = await Xpm.Costs.AddAsync(
            new CostAddRequest
            {
                Description = "Land Information Memorandum (LIM) fee",
                Code = "LIM",
                UnitCost = 330.00m,
                UnitPrice = 365.00m,
            },
            Ct);

        var request = await SingleCallAsync("POST", "cost.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Cost");
        Assert.Equal(
            new[] { "Description", "Code", "UnitCost", "UnitPrice" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Land Information Memorandum (LIM) fee", Child(body, "Description"));
        Assert.Equal("LIM", Child(body, "Code"));
        Assert.Equal("330.00", Child(body, "UnitCost"));
        Assert.Equal("365.00", Child(body, "UnitPrice"));

        Assert.NotNull(cost);
        Assert.Equal("9173ee78-0c16-4123-98a6-8bf5c1bb5992", cost.Uuid);
        Assert.Equal("Land Information Memorandum (LIM) fee", cost.Description);
        Assert.Equal(365.00m, cost.UnitPrice);
        Assert.Null(cost.IncomeAccount);
    }

    [Fact]
    public async Task Add_returns_null_when_XPM_answers_with_the_status_only()
    {
        const string StatusOnly = """
            {
              "priority": 1,
              "request": {
                "method": "POST",
                "urlPath": "/practicemanager/3.1/cost.api/add",
                "headers": { "xero-tenant-id": { "equalTo": "3b1be89e-f411-4cf9-9bde-a3eb08a8e897" } },
                "bodyPatterns": [ { "matchesXPath": "/Cost/Description[text() = 'Bank confirmation fee']" } ]
              },
              "response": {
                "status": 200,
                "headers": { "Content-Type": "text/xml; charset=utf-8", "xero-correlation-id": "2d8f6a31-5c0e-4b7a-9e12-8a4c6f0b1c0a" },
                "body": "<Response api-method=\"Add\">\n  <Status>OK</Status>\n</Response>\n"
              }
            }
            """;
        await using (await Server.AddMappingAsync(StatusOnly, Ct))
        {
            var cost = await Xpm.Costs.AddAsync(new CostAddRequest { Description = "Bank confirmation fee", UnitCost = 60m, UnitPrice = 60m }, Ct);

            Assert.Null(cost);
        }

        var request = await SingleCallAsync("POST", "cost.api/add");
        Assert.Equal("60", Child(XmlBody(request, "Cost"), "UnitPrice"));
    }

    [Fact]
    public async Task Update_puts_the_UUID_and_new_details_and_reads_the_item()
    {
        var cost = await Xpm.Costs.UpdateAsync(
            new CostUpdateRequest
            {
                Uuid = CourierUuid,
                Description = "Courier - Auckland metro (same day)",
                Code = "COURIER",
                Note = "Rates from 1 April",
                UnitCost = 21.00m,
                UnitPrice = 28.50m,
            },
            Ct);

        var request = await SingleCallAsync("PUT", "cost.api/update");
        var body = XmlBody(request, "Cost");
        Assert.Equal(
            new[] { "UUID", "Description", "Code", "Note", "UnitCost", "UnitPrice" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(CourierUuid, Child(body, "UUID"));
        Assert.Equal("Courier - Auckland metro (same day)", Child(body, "Description"));
        Assert.Equal("Rates from 1 April", Child(body, "Note"));
        Assert.Equal("21.00", Child(body, "UnitCost"));
        Assert.Equal("28.50", Child(body, "UnitPrice"));

        Assert.Equal(CourierUuid, cost.Uuid);
        Assert.Equal("Courier - Auckland metro (same day)", cost.Description);
        Assert.Equal("Rates from 1 April", cost.Note);
        Assert.Equal(21.00m, cost.UnitCost);
        Assert.Equal(28.50m, cost.UnitPrice);
    }

    [Fact]
    public async Task Delete_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.Costs.DeleteAsync(new CostUuidRequest { Uuid = FilingFeeUuid }, Ct);

        var request = await SingleCallAsync("POST", "cost.api/delete");
        var body = XmlBody(request, "Cost");
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(FilingFeeUuid, only.Value);
    }

    [Fact]
    public async Task DeleteAll_posts_an_empty_DeleteAll_element()
    {
        await Xpm.Costs.DeleteAllAsync(new CostDeleteAllRequest(), Ct);

        var request = await SingleCallAsync("POST", "cost.api/deleteall");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "DeleteAll");
        Assert.Empty(body.Elements());
        Assert.True(string.IsNullOrWhiteSpace(body.Value));
    }
}
