using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The contact endpoints of client.api: <c>xpm.Clients.Contacts</c>.</summary>
[Collection(WireMockCollection.Name)]
public sealed class ClientContactContractTests : ContractTestBase
{
    public ClientContactContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_without_paging_parameters_sends_no_query_and_reads_every_contact()
    {
        var page = await Xpm.Clients.Contacts.ListAsync(cancellationToken: Ct);
        var contacts = page.Items;

        var request = await SingleCallAsync("GET", "client.api/contacts");
        Assert.Empty(request.Query);
        Assert.Null(page.NextPageToken);
        Assert.False(page.HasMore);

        Assert.Equal(
            new[] { ClientContractData.HanaContactUuid, ClientContractData.RawiriContactUuid, ClientContractData.MereContactUuid, ClientContractData.SioneContactUuid },
            contacts.Select(c => c.Uuid));
        var hana = contacts[0];
        Assert.Equal("Hana Whitfield", hana.Name);
        Assert.Equal("Hana", hana.Salutation);
        Assert.Equal("Ms H Whitfield", hana.Addressee);
        Assert.Equal("021 555 0199", hana.Mobile);
        Assert.Equal("hana@kowhai-landscaping.example", hana.Email);
        Assert.Null(hana.Phone);
        Assert.False(hana.IsDeleted);

        // the paged contact list carries no link to a client, so neither IsPrimary nor Position
        Assert.All(contacts, c => Assert.Null(c.IsPrimary));
        Assert.All(contacts, c => Assert.Null(c.Position));

        Assert.Null(contacts[1].Salutation);
        Assert.Equal("(09) 555 0143", contacts[1].Phone);
        Assert.Equal("022 555 0311", contacts[3].Mobile);
    }

    [Fact]
    public async Task List_with_pageSize_sends_it_and_reads_the_single_contact_of_the_page()
    {
        var page = await Xpm.Clients.Contacts.ListAsync(pageSize: 1, cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/contacts");
        Assert.Equal(new[] { "pageSize" }, request.Query.Keys);
        Assert.Equal("1", request.QueryValue("pageSize"));

        // the token of the next page comes from the pageToken of the Pagination/Links/Next link
        Assert.Equal("Y29udGFjdDoy", page.NextPageToken);
        Assert.True(page.HasMore);
        var hana = Assert.Single(page.Items);
        Assert.Equal(ClientContractData.HanaContactUuid, hana.Uuid);
        Assert.Equal("Hana Whitfield", hana.Name);
    }

    [Fact]
    public async Task List_past_the_last_page_sends_the_token_and_reads_an_empty_list()
    {
        var page = await Xpm.Clients.Contacts.ListAsync(pageSize: 1, pageToken: "Y29udGFjdDo1", cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/contacts");
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("1", request.QueryValue("pageSize"));
        Assert.Equal("Y29udGFjdDo1", request.QueryValue("pageToken"));
        Assert.Empty(page.Items);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task Get_with_clientUuid_sends_it_and_reads_IsPrimary_and_Position()
    {
        var contact = await Xpm.Clients.Contacts.GetAsync(ClientContractData.HanaContactUuid, clientUuid: ContractData.KowhaiClientUuid, Ct);

        var request = await SingleCallAsync("GET", "client.api/contact/" + ClientContractData.HanaContactUuid);
        Assert.Equal(new[] { "clientUuid" }, request.Query.Keys);
        Assert.Equal(ContractData.KowhaiClientUuid, request.QueryValue("clientUuid"));

        Assert.Equal(ClientContractData.HanaContactUuid, contact.Uuid);
        Assert.Equal("Hana Whitfield", contact.Name);
        Assert.Equal("Hana", contact.Salutation);
        Assert.Equal("Ms H Whitfield", contact.Addressee);
        Assert.Equal("021 555 0199", contact.Mobile);
        Assert.Equal("hana@kowhai-landscaping.example", contact.Email);
        Assert.Null(contact.Phone);
        Assert.False(contact.IsDeleted);
        Assert.True(contact.IsPrimary);
        Assert.Equal("Director", contact.Position);
    }

    [Fact]
    public async Task Get_without_clientUuid_sends_no_query_and_reads_the_contact_without_its_link()
    {
        var contact = await Xpm.Clients.Contacts.GetAsync(ClientContractData.HanaContactUuid, cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/contact/" + ClientContractData.HanaContactUuid);
        Assert.Empty(request.Query);

        Assert.Equal("Hana Whitfield", contact.Name);
        Assert.False(contact.IsDeleted);
        Assert.Null(contact.IsPrimary);
        Assert.Null(contact.Position);
    }

    [Fact]
    public async Task Get_of_an_unknown_contact_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(
            () => Xpm.Clients.Contacts.GetAsync(ClientContractData.UnknownContactUuid, cancellationToken: Ct));

        Assert.Equal("Contact not found", error.ErrorDescription);
        Assert.Equal("Contact", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("client.api/contact/" + ClientContractData.UnknownContactUuid, error.Path);

        await SingleCallAsync("GET", "client.api/contact/" + ClientContractData.UnknownContactUuid);
    }

    [Fact]
    public async Task Update_puts_a_Contact_document_with_the_nested_Client_and_reads_the_contact()
    {
        var updated = await Xpm.Clients.Contacts.UpdateAsync(
            ClientContractData.RawiriContactUuid,
            new ContactUpdateRequest
            {
                Name = "Rawiri Whitfield",
                Salutation = "Rawiri",
                Addressee = "Mr R Whitfield",
                Mobile = "021 555 0144",
                Email = "rawiri@kowhai-landscaping.example",
                Phone = "(09) 555 0143",
                Client = new ClientUuidRequest { Uuid = ContractData.KowhaiClientUuid },
                Position = "Operations Manager",
                IsPrimary = false,
            },
            cancellationToken: Ct);

        var request = await SingleCallAsync("PUT", "client.api/contact/" + ClientContractData.RawiriContactUuid);
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Contact");
        Assert.Equal(
            new[] { "Name", "Salutation", "Addressee", "Mobile", "Email", "Phone", "Client", "Position", "IsPrimary" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Rawiri Whitfield", Child(body, "Name"));
        Assert.Equal("Mr R Whitfield", Child(body, "Addressee"));
        Assert.Equal("rawiri@kowhai-landscaping.example", Child(body, "Email"));
        var client = body.Element("Client");
        Assert.NotNull(client);
        var only = Assert.Single(client.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(ContractData.KowhaiClientUuid, only.Value.Trim());
        Assert.Equal("Operations Manager", Child(body, "Position"));
        Assert.Equal("No", Child(body, "IsPrimary"));
        Assert.Null(body.Element("UUID")); // the path names the contact

        Assert.NotNull(updated);
        Assert.Equal(ClientContractData.RawiriContactUuid, updated.Uuid);
        Assert.Equal("Rawiri", updated.Salutation);
        Assert.Equal("021 555 0144", updated.Mobile);
        Assert.False(updated.IsPrimary);
        Assert.Equal("Operations Manager", updated.Position);
    }

    [Fact]
    public async Task Update_with_clientUuid_sends_it_and_reads_a_status_only_response_as_null()
    {
        var updated = await Xpm.Clients.Contacts.UpdateAsync(
            ClientContractData.RawiriContactUuid,
            new ContactUpdateRequest { Name = "Rawiri Whitfield", Position = "Operations Manager" },
            clientUuid: ContractData.KowhaiClientUuid,
            cancellationToken: Ct);

        var request = await SingleCallAsync("PUT", "client.api/contact/" + ClientContractData.RawiriContactUuid);
        Assert.Equal(ContractData.KowhaiClientUuid, request.QueryValue("clientUuid"));
        var body = XmlBody(request, "Contact");
        Assert.Equal(new[] { "Name", "Position" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Null(updated);
    }

    [Fact]
    public async Task Add_posts_a_Contact_document_naming_its_client_and_reads_the_new_contact()
    {
        var added = await Xpm.Clients.Contacts.AddAsync(
            new ContactAddRequest
            {
                Client = new ClientUuidRequest { Uuid = ContractData.TuiStreetClientUuid },
                Name = "Ngaio Parata",
                Salutation = "Ngaio",
                Email = "ngaio@tui-street-bakery.example",
                Position = "Bookkeeper",
                IsPrimary = false,
            },
            Ct);

        var request = await SingleCallAsync("POST", "client.api/contact");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Contact");
        Assert.Equal(
            new[] { "Client", "Name", "Salutation", "Email", "Position", "IsPrimary" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ContractData.TuiStreetClientUuid, body.Element("Client")?.Element("UUID")?.Value.Trim());
        Assert.Equal("Ngaio Parata", Child(body, "Name"));
        Assert.Equal("ngaio@tui-street-bakery.example", Child(body, "Email"));
        Assert.Equal("Bookkeeper", Child(body, "Position"));
        Assert.Equal("No", Child(body, "IsPrimary"));

        Assert.NotNull(added);
        Assert.Equal(ClientContractData.NgaioContactUuid, added.Uuid);
        Assert.Equal("Ngaio Parata", added.Name);
        Assert.Null(added.Addressee);
        Assert.False(added.IsDeleted);
        Assert.False(added.IsPrimary);
        Assert.Equal("Bookkeeper", added.Position);
    }

    [Fact]
    public async Task Delete_without_clientUuid_sends_DELETE_with_no_body_and_reads_the_deleted_contact()
    {
        var deleted = await Xpm.Clients.Contacts.DeleteAsync(ClientContractData.NgaioContactUuid, cancellationToken: Ct);

        var request = await SingleCallAsync("DELETE", "client.api/contact/" + ClientContractData.NgaioContactUuid);
        Assert.Empty(request.Query);
        Assert.Equal(string.Empty, request.Body);

        Assert.NotNull(deleted);
        Assert.Equal(ClientContractData.NgaioContactUuid, deleted.Uuid);
        Assert.Equal("Ngaio Parata", deleted.Name);
        Assert.True(deleted.IsDeleted);
    }

    [Fact]
    public async Task Delete_from_one_client_sends_clientUuid_and_reads_a_status_only_response_as_null()
    {
        var deleted = await Xpm.Clients.Contacts.DeleteAsync(ClientContractData.SioneContactUuid, clientUuid: ContractData.TuiStreetClientUuid, Ct);

        var request = await SingleCallAsync("DELETE", "client.api/contact/" + ClientContractData.SioneContactUuid);
        Assert.Equal(new[] { "clientUuid" }, request.Query.Keys);
        Assert.Equal(ContractData.TuiStreetClientUuid, request.QueryValue("clientUuid"));
        Assert.Null(deleted);
    }

    [Fact]
    public async Task Link_posts_a_Client_document_of_contact_links_and_reads_the_client_links()
    {
        var linked = await Xpm.Clients.Contacts.LinkAsync(
            ContractData.KowhaiClientUuid,
            new ClientContactLinkRequest
            {
                Contacts =
                {
                    // XPM's own example writes contact UUIDs in upper case
                    new ClientContactLink { Uuid = ClientContractData.SioneContactUuid.ToUpperInvariant(), Position = "Accountant", IsPrimary = false },
                    new ClientContactLink { Uuid = ClientContractData.MereContactUuid, IsPrimary = true },
                },
            },
            Ct);

        var request = await SingleCallAsync("POST", "client.api/client/" + ContractData.KowhaiClientUuid + "/contacts");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Client");
        Assert.Null(body.Element("UUID")); // the path names the client
        var contacts = Assert.Single(body.Elements()).Elements("Contact").ToList();
        Assert.Equal(2, contacts.Count);
        Assert.Equal(new[] { "UUID", "Position", "IsPrimary" }, contacts[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("13B6912C-D2EB-4029-AF2D-B9FECA70646A", Child(contacts[0], "UUID"));
        Assert.Equal("Accountant", Child(contacts[0], "Position"));
        Assert.Equal("No", Child(contacts[0], "IsPrimary"));
        Assert.Equal(new[] { "UUID", "IsPrimary" }, contacts[1].Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ClientContractData.MereContactUuid, Child(contacts[1], "UUID"));
        Assert.Equal("Yes", Child(contacts[1], "IsPrimary"));

        Assert.NotNull(linked);
        Assert.Equal(ContractData.KowhaiClientUuid, linked.Uuid);
        Assert.Null(linked.Name);
        Assert.Equal(2, linked.Contacts.Count);
        Assert.Equal(ClientContractData.SioneContactUuid, linked.Contacts[0].Uuid, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Accountant", linked.Contacts[0].Position);
        Assert.False(linked.Contacts[0].IsPrimary);
        Assert.Equal(ClientContractData.MereContactUuid, linked.Contacts[1].Uuid);
        Assert.Null(linked.Contacts[1].Position);
        Assert.True(linked.Contacts[1].IsPrimary);
    }
}
