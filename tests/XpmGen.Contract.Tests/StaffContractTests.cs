using System.Linq;
using System.Net;
using System.Net.Http;
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

    [Fact]
    public async Task List_of_a_practice_with_one_staff_member_reads_the_single_item()
    {
        using var single = new ContractCaseClient(Server, "single");

        var staff = await single.Xpm.Staff.ListAsync(Ct);

        var only = Assert.Single(staff);
        Assert.Equal(StaffContractData.ArohaUuid, only.Uuid);
        Assert.Equal("Aroha Ngata", only.Name);
        Assert.Null(only.Mobile);
        Assert.Null(only.WebUrl);
        await SingleCallAsync("GET", "staff.api/list");
    }

    [Fact]
    public async Task Get_reads_the_staff_member_and_the_WebUrl_beside_it()
    {
        var aroha = await Xpm.Staff.GetAsync(StaffContractData.ArohaUuid, Ct);

        var request = await SingleCallAsync("GET", "staff.api/get/" + StaffContractData.ArohaUuid);
        Assert.Empty(request.Query);

        Assert.Equal("https://app.practicemanager.xero.com/admin/resourceedit.aspx?id=4417", aroha.WebUrl);
        Assert.Equal(StaffContractData.ArohaUuid, aroha.Uuid);
        Assert.Equal("Aroha Ngata", aroha.Name);
        Assert.Equal("aroha@ngata-partners.example", aroha.Email);
        Assert.Null(aroha.Phone); // <Phone />
        Assert.Equal("021 555 0110", aroha.Mobile);
        Assert.Equal(
            new[] { "18 Karaka Lane", "Ponsonby", "Auckland 1011" },
            (aroha.Address ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        Assert.Equal("AN01", aroha.PayrollCode);
    }

    [Fact]
    public async Task Get_of_an_unknown_staff_member_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Staff.GetAsync(StaffContractData.UnknownStaffUuid, Ct));

        Assert.IsAssignableFrom<XpmException>(error);
        Assert.Equal("Invalid staff identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("staff.api/get/" + StaffContractData.UnknownStaffUuid, error.Path);
        Assert.Equal("c4e7a2b1-9d3f-4e6a-8b5c-2f1e0d9c0003", error.CorrelationId);

        await SingleCallAsync("GET", "staff.api/get/" + StaffContractData.UnknownStaffUuid);
    }

    [Fact]
    public async Task Add_posts_a_Staff_document_without_UUID_and_reads_the_new_staff_member()
    {
        var added = await Xpm.Staff.AddAsync(
            new StaffAddRequest
            {
                Name = "Wiremu Tane",
                Email = "wiremu@ngata-partners.example",
                Mobile = "022 555 0164",
                PayrollCode = "WT07",
            },
            Ct);

        var request = await SingleCallAsync("POST", "staff.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Staff");
        // Only the values set are sent, in the order of XPM's example (Name, Address, Phone, Mobile, Email, PayrollCode).
        Assert.Equal(new[] { "Name", "Mobile", "Email", "PayrollCode" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Wiremu Tane", Child(body, "Name"));
        Assert.Equal("022 555 0164", Child(body, "Mobile"));
        Assert.Equal("wiremu@ngata-partners.example", Child(body, "Email"));
        Assert.Equal("WT07", Child(body, "PayrollCode"));

        Assert.Equal(StaffContractData.WiremuUuid, added.Uuid);
        Assert.Equal("Wiremu Tane", added.Name);
        Assert.Equal("022 555 0164", added.Mobile);
        Assert.Null(added.Phone);
        Assert.Null(added.Address);
        Assert.Equal("WT07", added.PayrollCode);
        Assert.Equal("https://app.practicemanager.xero.com/admin/resourceedit.aspx?id=4519", added.WebUrl);
    }

    [Fact]
    public async Task Update_puts_a_Staff_document_with_its_UUID_and_reads_the_updated_staff_member()
    {
        var updated = await Xpm.Staff.UpdateAsync(
            new StaffUpdateRequest
            {
                Uuid = StaffContractData.TomasUuid,
                Name = "Tomas Brennan-Walsh",
                Address = "4/27 Jervois Road\nHerne Bay\nAuckland 1011",
                Phone = "(09) 555 0121",
                Email = "tomas@ngata-partners.example",
                PayrollCode = "TB02",
            },
            Ct);

        var request = await SingleCallAsync("PUT", "staff.api/update");
        var body = XmlBody(request, "Staff");
        Assert.Equal(new[] { "UUID", "Name", "Address", "Phone", "Email", "PayrollCode" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(StaffContractData.TomasUuid, Child(body, "UUID"));
        Assert.Equal("Tomas Brennan-Walsh", Child(body, "Name"));
        Assert.Equal("4/27 Jervois Road\nHerne Bay\nAuckland 1011", Child(body, "Address")?.Replace("\r\n", "\n"));
        Assert.Equal("(09) 555 0121", Child(body, "Phone"));
        Assert.Equal("tomas@ngata-partners.example", Child(body, "Email"));
        Assert.Equal("TB02", Child(body, "PayrollCode"));
        Assert.Null(body.Element("Mobile"));

        Assert.Equal(StaffContractData.TomasUuid, updated.Uuid);
        Assert.Equal("Tomas Brennan-Walsh", updated.Name);
        Assert.Equal("(09) 555 0121", updated.Phone);
        Assert.Null(updated.Mobile);
        Assert.Contains("Herne Bay", updated.Address);
        Assert.Equal("TB02", updated.PayrollCode);
        Assert.Equal("https://app.practicemanager.xero.com/admin/resourceedit.aspx?id=4418", updated.WebUrl);
    }

    [Fact]
    public async Task Delete_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.Staff.DeleteAsync(new StaffUuidRequest { Uuid = StaffContractData.LeaverUuid }, Ct);

        var request = await SingleCallAsync("POST", "staff.api/delete");
        AssertOnlyUuid(XmlBody(request, "Staff"), StaffContractData.LeaverUuid);
    }

    [Fact]
    public async Task Enable_posts_the_UUID_and_leaves_out_Security_unless_it_is_set()
    {
        await Xpm.Staff.EnableAsync(new StaffEnableRequest { Uuid = StaffContractData.PriyaUuid }, Ct);

        var request = await SingleCallAsync("POST", "staff.api/enable");
        AssertOnlyUuid(XmlBody(request, "Staff"), StaffContractData.PriyaUuid);
    }

    [Fact]
    public async Task Enable_with_Security_sends_the_empty_Security_element_of_XPMs_example()
    {
        await Xpm.Staff.EnableAsync(new StaffEnableRequest { Uuid = StaffContractData.PriyaUuid, Security = new StaffSecurity() }, Ct);

        var request = await SingleCallAsync("POST", "staff.api/enable");
        var body = XmlBody(request, "Staff");
        Assert.Equal(new[] { "UUID", "Security" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(StaffContractData.PriyaUuid, Child(body, "UUID"));
        var security = body.Element("Security")!;
        Assert.Empty(security.Elements());
        Assert.Equal(string.Empty, security.Value.Trim());
    }

    [Fact]
    public async Task Disable_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.Staff.DisableAsync(new StaffUuidRequest { Uuid = StaffContractData.PriyaUuid }, Ct);

        var request = await SingleCallAsync("POST", "staff.api/disable");
        AssertOnlyUuid(XmlBody(request, "Staff"), StaffContractData.PriyaUuid);
    }

    [Fact]
    public async Task ForgottenPassword_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.Staff.ForgottenPasswordAsync(new StaffUuidRequest { Uuid = StaffContractData.PriyaUuid }, Ct);

        var request = await SingleCallAsync("POST", "staff.api/forgottenpassword");
        AssertOnlyUuid(XmlBody(request, "Staff"), StaffContractData.PriyaUuid);
    }

    private static void AssertOnlyUuid(System.Xml.Linq.XElement body, string uuid)
    {
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(uuid, only.Value.Trim());
    }
}
