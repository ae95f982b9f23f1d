using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The clientgroup.api endpoints: <c>xpm.ClientGroups</c>.</summary>
[Collection(WireMockCollection.Name)]
public sealed class ClientGroupContractTests : ContractTestBase
{
    public ClientGroupContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_both_groups_with_their_Taxable_flag_and_no_members()
    {
        var groups = await Xpm.ClientGroups.ListAsync(Ct);

        var request = await SingleCallAsync("GET", "clientgroup.api/list");
        Assert.Empty(request.Query);

        Assert.Equal(2, groups.Count);
        Assert.Equal(ClientContractData.WhitfieldGroupUuid, groups[0].Uuid);
        Assert.Equal("Whitfield Family", groups[0].Name);
        Assert.True(groups[0].Taxable);
        Assert.Empty(groups[0].Clients);
        Assert.Equal(ClientContractData.OkaforTrustsGroupUuid, groups[1].Uuid);
        Assert.Equal("Okafor Trusts", groups[1].Name);
        Assert.False(groups[1].Taxable);
    }

    [Fact]
    public async Task Get_reads_the_group_and_its_two_member_clients()
    {
        var group = await Xpm.ClientGroups.GetAsync(ClientContractData.WhitfieldGroupUuid, Ct);

        var request = await SingleCallAsync("GET", "clientgroup.api/get/" + ClientContractData.WhitfieldGroupUuid);
        Assert.Empty(request.Query);

        Assert.Equal(ClientContractData.WhitfieldGroupUuid, group.Uuid);
        Assert.Equal("Whitfield Family", group.Name);
        Assert.True(group.Taxable);
        Assert.Null(group.WebUrl); // only Xero's OpenAPI mentions it
        Assert.Equal(new[] { ContractData.KowhaiClientUuid, ClientContractData.WhitfieldHoldingsClientUuid }, group.Clients.Select(c => c.Uuid));
        Assert.Equal(new[] { "Kowhai Landscaping Ltd", "Whitfield Holdings Ltd" }, group.Clients.Select(c => c.Name));
    }

    [Fact]
    public async Task Get_reads_a_group_with_a_single_member_client()
    {
        var group = await Xpm.ClientGroups.GetAsync(ClientContractData.TaneGroupUuid, Ct);

        await SingleCallAsync("GET", "clientgroup.api/get/" + ClientContractData.TaneGroupUuid);
        Assert.Equal("Tane Whanau", group.Name);
        Assert.False(group.Taxable);
        var member = Assert.Single(group.Clients);
        Assert.Equal(ContractData.TuiStreetClientUuid, member.Uuid);
        Assert.Equal("Tui Street Bakery Ltd", member.Name);
    }

    [Fact]
    public async Task Get_reads_a_group_without_members_as_an_empty_list()
    {
        var group = await Xpm.ClientGroups.GetAsync(ClientContractData.OkaforTrustsGroupUuid, Ct);

        await SingleCallAsync("GET", "clientgroup.api/get/" + ClientContractData.OkaforTrustsGroupUuid);
        Assert.Equal("Okafor Trusts", group.Name);
        Assert.Empty(group.Clients);
    }

    [Fact]
    public async Task Get_of_an_unknown_group_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.ClientGroups.GetAsync(ClientContractData.UnknownGroupUuid, Ct));

        Assert.Equal("Client group not found", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("clientgroup.api/get/" + ClientContractData.UnknownGroupUuid, error.Path);
        Assert.Equal("c1e9b0a3-5e2f-4d7c-8a14-3b6c2d1e0f05", error.CorrelationId);

        await SingleCallAsync("GET", "clientgroup.api/get/" + ClientContractData.UnknownGroupUuid);
    }

    [Fact]
    public async Task Add_posts_a_Group_document_with_its_first_client_and_reads_the_new_group()
    {
        var group = await Xpm.ClientGroups.AddAsync(
            new ClientGroupAddRequest { Name = "Tane Whanau", Taxable = false, ClientUuid = ContractData.TuiStreetClientUuid },
            Ct);

        var request = await SingleCallAsync("POST", "clientgroup.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Group");
        Assert.Equal(new[] { "Name", "Taxable", "ClientUUID" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Tane Whanau", Child(body, "Name"));
        Assert.Equal("No", Child(body, "Taxable"));
        Assert.Equal(ContractData.TuiStreetClientUuid, Child(body, "ClientUUID"));

        Assert.Equal(ClientContractData.TaneGroupUuid, group.Uuid);
        Assert.Equal("Tane Whanau", group.Name);
        Assert.False(group.Taxable);
        Assert.Equal(ContractData.TuiStreetClientUuid, Assert.Single(group.Clients).Uuid);
    }

    [Fact]
    public async Task UpdateMembers_puts_add_and_remove_elements_with_uuid_attributes_and_reads_the_group()
    {
        var group = await Xpm.ClientGroups.UpdateMembersAsync(
            new ClientGroupMembersRequest
            {
                Uuid = ClientContractData.WhitfieldGroupUuid,
                Add = { new ClientGroupMember { Uuid = ContractData.OkaforClientUuid } },
                Remove = { new ClientGroupMember { Uuid = ClientContractData.WhitfieldHoldingsClientUuid } },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "clientgroup.api/members");
        var body = XmlBody(request, "Group");
        Assert.Equal(new[] { "UUID", "add", "remove" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ClientContractData.WhitfieldGroupUuid, Child(body, "UUID"));
        var add = body.Element("add")!;
        Assert.Equal(ContractData.OkaforClientUuid, add.Attribute("uuid")?.Value);
        Assert.Empty(add.Nodes());
        var remove = body.Element("remove")!;
        Assert.Equal(ClientContractData.WhitfieldHoldingsClientUuid, remove.Attribute("uuid")?.Value);
        Assert.Empty(remove.Nodes());

        Assert.Equal(ClientContractData.WhitfieldGroupUuid, group.Uuid);
        Assert.Equal(new[] { "Kowhai Landscaping Ltd", "M. Okafor" }, group.Clients.Select(c => c.Name));
    }

    [Fact]
    public async Task Delete_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.ClientGroups.DeleteAsync(new ClientGroupUuidRequest { Uuid = ClientContractData.OkaforTrustsGroupUuid }, Ct);

        var request = await SingleCallAsync("POST", "clientgroup.api/delete");
        var body = XmlBody(request, "Group");
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(ClientContractData.OkaforTrustsGroupUuid, only.Value.Trim());
    }
}
