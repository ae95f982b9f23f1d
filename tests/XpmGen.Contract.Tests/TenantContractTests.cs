using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class TenantContractTests : ContractTestBase
{
    public TenantContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task ForTenant_sends_the_other_tenant_with_the_same_token()
    {
        var other = CreateClient(tenantId: ContractData.UnknownTenantId).ForTenant(ContractData.TenantId);

        var categories = await other.Categories.ListAsync(Ct);

        Assert.NotEmpty(categories);
        Assert.Equal(ContractData.TenantId, other.TenantId);
        var request = await SingleCallAsync("GET", "category.api/list");
        Assert.Equal(ContractData.TenantId, request.Header("xero-tenant-id"));
    }

    [Fact]
    public async Task The_original_client_keeps_its_tenant()
    {
        var original = CreateClient(tenantId: ContractData.UnknownTenantId);
        _ = original.ForTenant(ContractData.TenantId);

        await Assert.ThrowsAsync<XpmForbiddenException>(() => original.Categories.ListAsync(Ct));
    }
}
