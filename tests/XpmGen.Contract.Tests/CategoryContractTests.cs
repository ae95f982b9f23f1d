using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class CategoryContractTests : ContractTestBase
{
    public CategoryContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_gets_category_list_and_reads_every_category()
    {
        var categories = await Xpm.Categories.ListAsync(Ct);

        Assert.Equal(2, categories.Count);
        Assert.Equal("dad1f993-de5e-4517-baa8-edb9afcf85ab", categories[0].Uuid);
        Assert.Equal("Annual Accounts", categories[0].Name);
        Assert.Equal(new[] { "Annual Accounts", "Tax Returns" }, categories.Select(c => c.Name));

        var request = await SingleCallAsync("GET", "category.api/list");
        Assert.Empty(request.Query);
        Assert.Equal(string.Empty, request.Body);
    }

    [Fact]
    public async Task List_reads_an_empty_and_a_single_item_list()
    {
        IReadOnlyList<Category> empty;
        await using (await Server.AddMappingAsync(Stub("<Response api-method=\"List\">\n  <Status>OK</Status>\n  <Categories />\n</Response>\n"), Ct))
        {
            empty = await Xpm.Categories.ListAsync(Ct);
        }

        IReadOnlyList<Category> single;
        await using (await Server.AddMappingAsync(Stub("<Response api-method=\"List\">\n  <Status>OK</Status>\n  <Categories>\n    <Category>\n      <UUID>46e1db32-6c94-43f6-b5eb-fa082feb1fc4</UUID>\n      <Name>Bookkeeping</Name>\n    </Category>\n  </Categories>\n</Response>\n"), Ct))
        {
            single = await Xpm.Categories.ListAsync(Ct);
        }

        Assert.Empty(empty);
        Assert.Equal(("46e1db32-6c94-43f6-b5eb-fa082feb1fc4", "Bookkeeping"), (Assert.Single(single).Uuid, single[0].Name));
    }

    [Fact]
    public async Task An_error_envelope_with_http_200_is_an_api_exception()
    {
        XpmApiException error;
        await using (await Server.AddMappingAsync(Stub("<Response api-method=\"List\">\n  <Status>ERROR</Status>\n  <ErrorDescription>Categories are not enabled for this practice</ErrorDescription>\n</Response>\n"), Ct))
        {
            error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Categories.ListAsync(Ct));
        }

        Assert.Equal("Categories are not enabled for this practice", error.ErrorDescription);
        Assert.Equal("List", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("category.api/list", error.Path);
    }

    // A run-time stub ahead of the committed fake: the list endpoint has no parameter to select a case by.
    private static string Stub(string body) => $$"""
        {
          "priority": 1,
          "request": {
            "method": "GET",
            "urlPath": "/practicemanager/3.1/category.api/list",
            "headers": { "xero-tenant-id": { "equalTo": "{{ContractData.TenantId}}" } }
          },
          "response": {
            "status": 200,
            "headers": { "Content-Type": "text/xml; charset=utf-8", "xero-correlation-id": "5b0c3f7e-2d41-4a6b-9e8f-1c2d3e4f5a6b" },
            "body": {{System.Text.Json.JsonSerializer.Serialize(body)}}
          }
        }
        """;
}
