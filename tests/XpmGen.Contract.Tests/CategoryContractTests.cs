using System.Linq;
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
}
