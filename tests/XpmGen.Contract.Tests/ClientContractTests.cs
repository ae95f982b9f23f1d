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
public sealed class ClientContractTests : ContractTestBase
{
    public ClientContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_without_options_sends_no_query_and_reads_summary_clients()
    {
        var clients = await Xpm.Clients.ListAsync(cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/list");
        Assert.Empty(request.Query);

        Assert.Equal(2, clients.Count);
        var kowhai = clients[0];
        Assert.Equal(ContractData.KowhaiClientUuid, kowhai.Uuid);
        Assert.Equal("Kowhai Landscaping Ltd", kowhai.Name);
        Assert.Null(kowhai.Title);
        Assert.Null(kowhai.FirstName);
        Assert.Equal("accounts@kowhai-landscaping.example", kowhai.Email);
        Assert.Equal(new DateTime(1970, 11, 26), kowhai.DateOfBirth);
        Assert.Null(kowhai.Address);
        AssertMultiLinePostalAddress(kowhai.PostalAddress);
        Assert.Equal("Auckland", kowhai.PostalCity);
        Assert.Equal("1010", kowhai.PostalPostCode);
        Assert.Equal("(09) 555 0142", kowhai.Phone);
        Assert.Null(kowhai.Fax);
        Assert.Null(kowhai.Website);
        Assert.False(kowhai.IsArchived);
        Assert.False(kowhai.IsDeleted);
        Assert.NotNull(kowhai.AccountManager);
        Assert.Equal("e014f86c-f8eb-441e-bc35-e0eda4e32cd7", kowhai.AccountManager.Uuid);
        Assert.Equal("Aroha Ngata", kowhai.AccountManager.Name);
        Assert.NotNull(kowhai.Type);
        Assert.Equal("20th of Month", kowhai.Type.Name);
        Assert.Equal(30.00m, kowhai.Type.CostMarkup);
        Assert.Equal("DayOfMonth", kowhai.Type.PaymentTerm?.ToString());
        Assert.Equal(20, kowhai.Type.PaymentDay);
        var contact = Assert.Single(kowhai.Contacts ?? new List<Contact>());
        Assert.Equal("5784f88b-ca5d-4159-97ba-16439798ef65", contact.Uuid);
        Assert.Equal("Hana Whitfield", contact.Name);
        Assert.Equal("Hana", contact.Salutation);
        Assert.Equal("Ms H Whitfield", contact.Addressee);
        Assert.Null(contact.Mobile);
        Assert.Null(contact.Email);
        Assert.False(contact.IsDeleted);
        Assert.True(contact.IsPrimary);
        Assert.Null(contact.Position);

        var okafor = clients[1];
        Assert.Equal(ContractData.OkaforClientUuid, okafor.Uuid);
        Assert.Equal("M. Okafor", okafor.Name);
        Assert.Equal("PO Box 4471", okafor.PostalAddress);
        Assert.True(okafor.IsArchived);
        Assert.Empty(okafor.Contacts ?? new List<Contact>());
        Assert.Null(okafor.AccountManager);
        Assert.Null(okafor.Type);
        Assert.NotNull(okafor.BillingClient);
        Assert.Equal(ContractData.KowhaiClientUuid, okafor.BillingClient.Uuid);
    }

    [Fact]
    public async Task List_detailed_sends_detailed_true_and_reads_detailed_clients()
    {
        var clients = await Xpm.Clients.ListAsync(detailed: true, cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/list");
        Assert.Equal(new[] { "detailed" }, request.Query.Keys);
        Assert.Equal("true", request.QueryValue("detailed"));

        Assert.Equal(2, clients.Count);
        var kowhai = clients[0];
        Assert.Equal("Kowhai Landscaping Ltd", kowhai.Name);
        Assert.Equal(2, kowhai.Contacts?.Count);
        Assert.Equal("Engagement letter", Assert.Single(kowhai.Notes ?? new List<ClientNote>()).Title);
        Assert.Equal("Whitfield Family", Assert.Single(kowhai.Groups ?? new List<Reference>()).Name);
        Assert.Equal("Shareholder", Assert.Single(kowhai.Relationships ?? new List<ClientRelationship>()).Type?.ToString());
        Assert.True(kowhai.GstRegistered);
        Assert.Equal("Tomas Brennan", kowhai.JobManager?.Name);

        var okafor = clients[1];
        Assert.Equal("Miriam", okafor.FirstName);
        Assert.Equal("Okafor", okafor.LastName);
        Assert.Equal(new DateTime(1984, 2, 29), okafor.DateOfBirth);
        Assert.False(okafor.GstRegistered);
        Assert.Empty(okafor.Notes ?? new List<ClientNote>());
        Assert.Empty(okafor.Groups ?? new List<Reference>());
        Assert.Empty(okafor.Relationships ?? new List<ClientRelationship>());
        Assert.Null(okafor.JobManager?.Uuid);
    }

    [Fact]
    public async Task List_modified_since_sends_the_XPM_date_time_format()
    {
        var clients = await Xpm.Clients.ListAsync(detailed: true, modifiedSince: new DateTime(2012, 6, 5, 6, 0, 0), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/list");
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("true", request.QueryValue("detailed"));
        Assert.Equal("2012-06-05T06:00:00", request.QueryValue("modifiedsince"));

        var okafor = Assert.Single(clients);
        Assert.Equal(ContractData.OkaforClientUuid, okafor.Uuid);
        Assert.True(okafor.IsArchived);
        Assert.Equal("******789", okafor.TaxNumber);
    }

    [Fact]
    public async Task Search_sends_the_query_text_and_reads_the_matches()
    {
        var clients = await Xpm.Clients.SearchAsync("XYZ", detailed: null, Ct);

        var request = await SingleCallAsync("GET", "client.api/search");
        Assert.Equal(new[] { "query" }, request.Query.Keys);
        Assert.Equal("XYZ", request.QueryValue("query"));

        Assert.Equal(new[] { "XYZ Freight Ltd", "XYZ Orchards" }, clients.Select(c => c.Name));
        Assert.Equal(new DateTime(1970, 11, 26), clients[0].DateOfBirth); // written as a bare date here
        Assert.Equal("Samira Haddad", Assert.Single(clients[0].Contacts ?? new List<Contact>()).Name);
        Assert.Null(clients[1].BillingClient?.Uuid); // <BillingClient /> is empty
    }

    [Fact]
    public async Task Get_reads_the_detailed_client_and_the_WebUrl_beside_it()
    {
        var client = await Xpm.Clients.GetAsync(ContractData.KowhaiClientUuid, Ct);

        var request = await SingleCallAsync("GET", "client.api/get/" + ContractData.KowhaiClientUuid);
        Assert.Empty(request.Query);

        Assert.Equal("https://practicemanager.xero.com/Client/4417/Detail", client.WebUrl);
        Assert.Equal(ContractData.KowhaiClientUuid, client.Uuid);
        Assert.Equal("Kowhai Landscaping Ltd", client.Name);
        Assert.Equal("27 Rata Road", client.Address);
        Assert.Equal("0610", client.PostCode); // a leading zero: post codes are text
        Assert.Equal("New Zealand", client.Country);
        AssertMultiLinePostalAddress(client.PostalAddress);
        Assert.Null(client.PostalRegion);
        Assert.Null(client.Fax);
        Assert.Equal("https://kowhai-landscaping.example", client.Website);
        Assert.Equal("KOWHAI", client.ExportCode);
        Assert.Equal(new DateTime(1970, 11, 26), client.DateOfBirth);
        Assert.Equal("Within 14 days", client.Type?.Name);
        Assert.Equal(12.50m, client.Type?.CostMarkup);
        Assert.Equal("WithinDays", client.Type?.PaymentTerm?.ToString());
        Assert.Equal(14, client.Type?.PaymentDay);

        Assert.NotNull(client.Contacts);
        Assert.Equal(2, client.Contacts.Count);
        Assert.Equal("021 555 0199", client.Contacts[0].Mobile);
        Assert.Equal("hana@kowhai-landscaping.example", client.Contacts[0].Email);
        Assert.Equal("Director", client.Contacts[0].Position);
        Assert.True(client.Contacts[0].IsPrimary);
        Assert.Equal("Rawiri Whitfield", client.Contacts[1].Name);
        Assert.False(client.Contacts[1].IsPrimary);
        Assert.Null(client.Contacts[1].Salutation);

        var note = Assert.Single(client.Notes ?? new List<ClientNote>());
        Assert.Equal("Engagement letter", note.Title);
        Assert.Equal("Signed engagement letter received for FY2025.", note.Text);
        Assert.Equal(new DateTime(2008, 9, 12, 13, 0, 0), note.Date);
        Assert.Equal("Aroha Ngata", note.CreatedBy);

        Assert.Equal(ContractData.KowhaiClientUuid, client.BillingClient?.Uuid);
        Assert.Equal("7fc66691-901f-4762-b636-68a2084cd725", client.JobManager?.Uuid);
        Assert.Equal("******123", client.TaxNumber);
        Assert.Equal("6543210", client.CompanyNumber);
        Assert.Null(client.BusinessNumber);
        Assert.Equal("Company", client.BusinessStructure);
        Assert.Equal(3, client.BalanceMonth);
        Assert.True(client.PrepareGst);
        Assert.True(client.GstRegistered);
        Assert.True(client.SignedTaxAuthority);
        Assert.Null(client.ProvisionalTaxRatio);
        Assert.Null(client.PrepareActivityStatement);

        var group = Assert.Single(client.Groups ?? new List<Reference>());
        Assert.Equal("94aebb3f-1e24-4391-aeeb-0efef70e8932", group.Uuid);
        Assert.Equal("Whitfield Family", group.Name);

        var relationship = Assert.Single(client.Relationships ?? new List<ClientRelationship>());
        Assert.Equal("11067a26-9d35-437e-9522-bf62ad20d03d", relationship.Uuid);
        Assert.Equal("Shareholder", relationship.Type?.ToString());
        Assert.Equal("8f098f9c-dd77-47b6-bfbf-b67f65e50fb2", relationship.RelatedClient?.Uuid);
        Assert.Equal("Whitfield Holdings Ltd", relationship.RelatedClient?.Name);
        Assert.Equal(1000, relationship.NumberOfShares);
        Assert.Equal(0m, relationship.Percentage);
        Assert.Equal(new DateOnly(2011, 1, 1), relationship.StartDate);
        Assert.Equal(new DateOnly(2013, 3, 31), relationship.EndDate);
    }

    [Fact]
    public async Task Add_posts_a_Client_document_with_its_contacts_and_reads_the_new_client()
    {
        var added = await Xpm.Clients.AddAsync(
            new ClientAddRequest
            {
                Name = "Tui Street Bakery Ltd",
                Email = "hello@tui-street-bakery.example",
                Phone = "(03) 555 0177",
                AccountManagerUuid = "e014f86c-f8eb-441e-bc35-e0eda4e32cd7",
                Contacts = new List<ClientAddContact>
                {
                    new() { Name = "Mere Tane", IsPrimary = true, Email = "mere@tui-street-bakery.example", Position = "Owner" },
                    new() { Name = "Sione Tane", IsPrimary = false },
                },
            },
            Ct);

        var request = await SingleCallAsync("POST", "client.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Client");
        Assert.Equal("Tui Street Bakery Ltd", Child(body, "Name"));
        Assert.Equal("hello@tui-street-bakery.example", Child(body, "Email"));
        Assert.Equal("(03) 555 0177", Child(body, "Phone"));
        Assert.Equal("e014f86c-f8eb-441e-bc35-e0eda4e32cd7", Child(body, "AccountManagerUUID"));
        Assert.Null(body.Element("UUID"));
        var contacts = body.Element("Contacts")?.Elements("Contact").ToList();
        Assert.NotNull(contacts);
        Assert.Equal(2, contacts.Count);
        Assert.Equal("Mere Tane", Child(contacts[0], "Name"));
        Assert.Equal("Yes", Child(contacts[0], "IsPrimary"));
        Assert.Equal("mere@tui-street-bakery.example", Child(contacts[0], "Email"));
        Assert.Equal("Owner", Child(contacts[0], "Position"));
        Assert.Equal("Sione Tane", Child(contacts[1], "Name"));
        Assert.Equal("No", Child(contacts[1], "IsPrimary"));

        Assert.Equal(ContractData.TuiStreetClientUuid, added.Uuid);
        Assert.Equal("Tui Street Bakery Ltd", added.Name);
        Assert.Equal("https://practicemanager.xero.com/Client/4502/Detail", added.WebUrl);
        Assert.Null(added.PostalAddress);
        Assert.Equal("Mere Tane", Assert.Single(added.Contacts ?? new List<Contact>()).Name);
    }

    [Fact]
    public async Task Update_puts_a_Client_document_with_its_UUID_and_reads_the_updated_client()
    {
        var updated = await Xpm.Clients.UpdateAsync(
            new ClientUpdateRequest { Uuid = ContractData.KowhaiClientUuid, Name = "Kowhai Landscape Architects Ltd" },
            Ct);

        var request = await SingleCallAsync("PUT", "client.api/update");
        var body = XmlBody(request, "Client");
        Assert.Equal(ContractData.KowhaiClientUuid, Child(body, "UUID"));
        Assert.Equal("Kowhai Landscape Architects Ltd", Child(body, "Name"));
        Assert.Null(body.Element("Contacts"));

        Assert.Equal(ContractData.KowhaiClientUuid, updated.Uuid);
        Assert.Equal("Kowhai Landscape Architects Ltd", updated.Name);
        Assert.Equal("https://practicemanager.xero.com/Client/4417/Detail", updated.WebUrl);
    }

    [Fact]
    public async Task Archive_puts_only_the_UUID_and_reads_the_archived_client()
    {
        var archived = await Xpm.Clients.ArchiveAsync(new ClientUuidRequest { Uuid = ContractData.KowhaiClientUuid }, Ct);

        var request = await SingleCallAsync("PUT", "client.api/archive");
        var body = XmlBody(request, "Client");
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(ContractData.KowhaiClientUuid, only.Value.Trim());

        Assert.Equal(ContractData.KowhaiClientUuid, archived.Uuid);
        Assert.True(archived.IsArchived);
    }

    [Fact]
    public async Task Delete_posts_only_the_UUID_and_accepts_a_status_only_response()
    {
        await Xpm.Clients.DeleteAsync(new ClientUuidRequest { Uuid = ContractData.OkaforClientUuid }, Ct);

        var request = await SingleCallAsync("POST", "client.api/delete");
        var body = XmlBody(request, "Client");
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(ContractData.OkaforClientUuid, only.Value.Trim());
    }

    [Fact]
    public async Task Get_of_an_unknown_client_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Clients.GetAsync(ClientContractData.UnknownClientUuid, Ct));

        Assert.Equal("Client not found", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("client.api/get/" + ClientContractData.UnknownClientUuid, error.Path);
        Assert.Equal("c1e4a7b2-6d0f-4e3a-9c51-0a2b3c4d5e01", error.CorrelationId);

        await SingleCallAsync("GET", "client.api/get/" + ClientContractData.UnknownClientUuid);
    }

    [Fact]
    public async Task ListPage_without_paging_parameters_sends_no_query_and_reads_base_clients()
    {
        var page = await Xpm.Clients.ListPageAsync(cancellationToken: Ct);
        var clients = page.Items;

        var request = await SingleCallAsync("GET", "client.api/paged-list");
        Assert.Empty(request.Query);
        Assert.Null(page.NextPageToken);

        Assert.Equal(
            new[] { ContractData.KowhaiClientUuid, ContractData.TuiStreetClientUuid, ClientContractData.HarakekeClientUuid },
            clients.Select(c => c.Uuid));
        var kowhai = clients[0];
        Assert.Equal("Kowhai Landscaping Ltd", kowhai.Name);
        Assert.Equal(new DateTime(1970, 11, 26), kowhai.DateOfBirth);
        Assert.Equal("0610", kowhai.PostCode);
        AssertMultiLinePostalAddress(kowhai.PostalAddress);
        Assert.Equal("KOWHAI", kowhai.ExportCode);
        Assert.False(kowhai.IsArchived);
        Assert.False(kowhai.IsDeleted);
        Assert.Equal("Aroha Ngata", kowhai.AccountManager?.Name);
        Assert.Equal(30.00m, kowhai.Type?.CostMarkup);
        Assert.Equal(20, kowhai.Type?.PaymentDay);

        // paged-list items are base clients: no contacts, notes, groups or relationships
        Assert.Empty(kowhai.Contacts);
        Assert.Empty(kowhai.Notes);
        Assert.Empty(kowhai.Groups);
        Assert.Empty(kowhai.Relationships);

        var tui = clients[1];
        Assert.Equal("PO Box 2290", tui.PostalAddress);
        Assert.Null(tui.IsArchived);
        Assert.Equal(ContractData.KowhaiClientUuid, tui.BillingClient?.Uuid);

        var harakeke = clients[2];
        Assert.Equal("Harakeke Weaving Collective", harakeke.Name);
        Assert.Equal("https://harakeke-weaving.example", harakeke.Website);
        Assert.Null(harakeke.Phone);
    }

    [Fact]
    public async Task ListPage_first_page_sends_pageSize_and_reads_its_clients()
    {
        var page = await Xpm.Clients.ListPageAsync(pageSize: 2, cancellationToken: Ct);
        var clients = page.Items;

        var request = await SingleCallAsync("GET", "client.api/paged-list");
        Assert.Equal(new[] { "pageSize" }, request.Query.Keys);
        Assert.Equal("2", request.QueryValue("pageSize"));

        // the Next link's pageToken is the continuation, wherever it sits in the link's query
        Assert.Equal("cGFnZToy", page.NextPageToken);
        Assert.True(page.HasMore);

        Assert.Equal(new[] { "Kowhai Landscaping Ltd", "Tui Street Bakery Ltd" }, clients.Select(c => c.Name));
        Assert.Null(clients[0].PostalAddress);
        Assert.Equal("New Zealand", clients[0].Country);
    }

    [Fact]
    public async Task ListPage_with_a_page_token_sends_it_and_reads_the_single_client_of_the_last_page()
    {
        var page = await Xpm.Clients.ListPageAsync(pageSize: 2, pageToken: "cGFnZToy", cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/paged-list");
        Assert.Equal(2, request.Query.Count);
        Assert.Equal("2", request.QueryValue("pageSize"));
        Assert.Equal("cGFnZToy", request.QueryValue("pageToken"));

        Assert.Null(page.NextPageToken);
        var harakeke = Assert.Single(page.Items);
        Assert.Equal(ClientContractData.HarakekeClientUuid, harakeke.Uuid);
        Assert.Equal("kiaora@harakeke-weaving.example", harakeke.Email);
        Assert.Equal("3010", harakeke.PostalPostCode);
    }

    [Fact]
    public async Task ListPage_past_the_last_page_reads_an_empty_list()
    {
        var page = await Xpm.Clients.ListPageAsync(pageSize: 2, pageToken: "cGFnZToz", cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "client.api/paged-list");
        Assert.Equal("cGFnZToz", request.QueryValue("pageToken"));
        Assert.Empty(page.Items);
        Assert.False(page.HasMore);
    }

    private static void AssertMultiLinePostalAddress(string? postalAddress)
    {
        Assert.NotNull(postalAddress);
        var lines = postalAddress.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(new[] { "Level 4, Harbour Tower", "12 Quay Street", "Auckland Central" }, lines);
    }
}
