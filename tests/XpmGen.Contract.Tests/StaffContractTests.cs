using System.Linq;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class StaffContractTests : ContractTestBase
{
    public StaffContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_gets_staff_list_and_reads_the_StaffList_wrapper()
    {
        var staff = await Xpm.Staff.ListAsync(Ct);

        Assert.Equal(new[] { "Aroha Ngata", "Tomas Brennan", "Priya Raman" }, staff.Select(s => s.Name));
        var aroha = staff[0];
        Assert.Equal("e014f86c-f8eb-441e-bc35-e0eda4e32cd7", aroha.Uuid);
        Assert.Equal("aroha@ngata-partners.example", aroha.Email);
        Assert.Null(aroha.Phone);
        Assert.Equal("021 555 0110", aroha.Mobile);
        Assert.NotNull(aroha.Address);
        Assert.Contains("18 Karaka Lane", aroha.Address);
        Assert.Contains("Auckland 1011", aroha.Address);
        Assert.Equal("AN01", aroha.PayrollCode);
        Assert.Equal("(09) 555 0120", staff[1].Phone);
        Assert.Null(staff[1].Mobile);
        Assert.Null(staff[1].PayrollCode);

        var request = await SingleCallAsync("GET", "staff.api/list");
        Assert.Empty(request.Query);
    }
}
