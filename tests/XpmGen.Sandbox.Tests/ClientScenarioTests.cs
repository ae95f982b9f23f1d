using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>client.api's client operations: add, get, update, archive, delete, the three lists, relationships, documents and custom fields.</summary>
public sealed class ClientScenarioTests
{
    [Scenario]
    public async Task A_client_is_added_read_updated_archived_and_deleted()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;

        var added = await xpm.Clients.AddAsync(new ClientAddRequest
        {
            Name = "Kowhai Joinery Ltd",
            Email = "office@kowhai.example",
            AccountManagerUuid = ClientTestPractice.AccountManagerUuid,
            JobManagerUuid = ClientTestPractice.JobManagerUuid,
            TaxNumber = "123456789",
            GstPeriod = "2",
            BalanceMonth = "Mar",
            Contacts =
            {
                new ClientAddContact { Name = "Aroha Smith", Position = "Director", IsPrimary = true },
                new ClientAddContact { Name = "Ben Jones", Email = "ben@kowhai.example" },
            },
        });

        Assert.NotNull(added.Uuid);
        Assert.Equal("Ann Manager", added.AccountManager?.Name);
        Assert.Equal("Joe Jobs", added.JobManager?.Name);
        Assert.Equal("******789", added.TaxNumber);
        Assert.Equal("2 Monthly", added.GstPeriod);
        Assert.Equal(3, added.BalanceMonth);
        Assert.False(added.IsArchived);
        Assert.Equal(["Aroha Smith", "Ben Jones"], added.Contacts.Select(static c => c.Name));
        Assert.True(added.Contacts[0].IsPrimary);
        Assert.False(added.Contacts[1].IsPrimary);

        var updated = await xpm.Clients.UpdateAsync(new ClientUpdateRequest { Uuid = added.Uuid, Phone = "09 555 0100", GstBasis = "payment" });
        Assert.Equal("09 555 0100", updated.Phone);
        Assert.Equal("Payment", updated.GstBasis);
        Assert.Equal("office@kowhai.example", updated.Email);
        Assert.Equal("Kowhai Joinery Ltd", updated.Name);

        var read = await xpm.Clients.GetAsync(added.Uuid!);
        Assert.Equal("09 555 0100", read.Phone);
        Assert.Equal(2, read.Contacts.Count);

        var summary = Assert.Single(await xpm.Clients.ListAsync(), c => c.Uuid == added.Uuid);
        Assert.Equal("Ann Manager", summary.AccountManager?.Name);
        Assert.Equal(2, summary.Contacts.Count);
        Assert.Null(summary.JobManager);
        Assert.Null(summary.GstPeriod);
        var detailed = Assert.Single(await xpm.Clients.ListAsync(detailed: true), c => c.Uuid == added.Uuid);
        Assert.Equal("Joe Jobs", detailed.JobManager?.Name);

        Assert.Contains(await xpm.Clients.SearchAsync("JOINERY"), c => c.Uuid == added.Uuid);
        Assert.DoesNotContain(await xpm.Clients.SearchAsync("no such client"), c => c.Uuid == added.Uuid);

        var archived = await xpm.Clients.ArchiveAsync(new ClientUuidRequest { Uuid = added.Uuid });
        Assert.True(archived.IsArchived);
        Assert.DoesNotContain((await xpm.Clients.ListPageAsync(pageSize: 500)).Items, c => c.Uuid == added.Uuid);
        Assert.Contains(await xpm.Clients.ListAsync(), c => c.Uuid == added.Uuid && c.IsArchived == true);

        await xpm.Clients.DeleteAsync(new ClientUuidRequest { Uuid = added.Uuid });
        Assert.Contains(await xpm.Clients.ListAsync(), c => c.Uuid == added.Uuid && c.IsDeleted == true);
        Assert.DoesNotContain(await xpm.Clients.SearchAsync("Kowhai"), c => c.Uuid == added.Uuid);
        var refused = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.UpdateAsync(new ClientUpdateRequest { Uuid = added.Uuid, Phone = "1" }));
        Assert.Equal("Invalid client identifier", refused.ErrorDescription);
    }

    [Scenario]
    public async Task Refused_client_writes_say_why_and_change_nothing()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var client = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Totara Trust", GstBasis = "Invoice" });
        var before = (await xpm.Clients.ListAsync()).Count;

        var noName = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.AddAsync(new ClientAddRequest { Email = "x@example.com" }));
        Assert.Equal("Message not in expected format. The following required element was missing - /Client/Name", noName.ErrorDescription);

        var noContactName = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.AddAsync(new ClientAddRequest { Name = "Half", Contacts = { new ClientAddContact { Email = "a@b.c" } } }));
        Assert.Contains("/Client/Contacts/Contact/Name", noContactName.ErrorDescription);

        var unknownManager = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.AddAsync(new ClientAddRequest { Name = "Rimu Ltd", AccountManagerUuid = Guid.NewGuid().ToString() }));
        Assert.StartsWith("Invalid staff identifier", unknownManager.ErrorDescription);
        Assert.Contains("/Client/AccountManagerUUID", unknownManager.ErrorDescription);
        Assert.Equal(before, (await xpm.Clients.ListAsync()).Count);

        var badBasis = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.UpdateAsync(new ClientUpdateRequest { Uuid = client.Uuid, Phone = "021 1", GstBasis = "Quarterly" }));
        Assert.Contains("'Quarterly' of /Client/GSTBasis", badBasis.ErrorDescription);
        var unchanged = await xpm.Clients.GetAsync(client.Uuid!);
        Assert.Null(unchanged.Phone);
        Assert.Equal("Invoice", unchanged.GstBasis);

        var unknownBilling = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.UpdateAsync(new ClientUpdateRequest { Uuid = client.Uuid, BillingClientUuid = Guid.NewGuid().ToString() }));
        Assert.StartsWith("Invalid client identifier", unknownBilling.ErrorDescription);

        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.GetAsync(Guid.NewGuid().ToString()));
        Assert.Equal("Invalid client identifier", unknown.ErrorDescription);
        var missingUuid = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.ArchiveAsync(new ClientUuidRequest()));
        Assert.EndsWith("/Client/UUID", missingUuid.ErrorDescription);
    }

    [Scenario]
    public async Task The_paged_list_pages_through_every_current_client()
    {
        await using var sandbox = await TestSandbox.StartAsync(empty: false);
        var xpm = sandbox.CreateClient();
        for (var i = 1; i <= 5; i++)
        {
            await xpm.Clients.AddAsync(new ClientAddRequest { Name = $"Paged client {i}" });
        }

        var archived = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Paged but archived" });
        await xpm.Clients.ArchiveAsync(new ClientUuidRequest { Uuid = archived.Uuid });
        var current = (await xpm.Clients.ListAsync()).Where(static c => c.IsArchived != true && c.IsDeleted != true).Select(static c => c.Uuid).ToList();

        var paged = await xpm.Clients.ListAllAsync(pageSize: 2).Select(static c => c.Uuid).ToListAsync();

        Assert.Equal(current, paged);
        Assert.DoesNotContain(archived.Uuid, paged);
        var firstPage = await xpm.Clients.ListPageAsync(pageSize: 2);
        Assert.Equal(2, firstPage.Items.Count);
        Assert.All(firstPage.Items, static c => Assert.Empty(c.Contacts));

        // Paging by hand: each page's NextPageToken reads the next, and the last page has none.
        var byHand = new List<string?>();
        var token = (string?)null;
        do
        {
            var page = await xpm.Clients.ListPageAsync(pageSize: 2, pageToken: token);
            byHand.AddRange(page.Items.Select(static c => c.Uuid));
            Assert.Equal(page.NextPageToken is not null, page.HasMore);
            token = page.NextPageToken;
        }
        while (token is not null);
        Assert.Equal(paged, byHand);

        var tooLarge = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.ListPageAsync(pageSize: 501));
        Assert.Contains("'pageSize' is 501", tooLarge.ErrorDescription);
        var badToken = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.ListPageAsync(pageToken: "not-a-token"));
        Assert.Contains("'pageToken' is 'not-a-token'", badToken.ErrorDescription);
    }

    [Scenario]
    public async Task Relationships_show_on_the_owning_client_and_follow_updates_and_deletes()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var company = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Pohutukawa Holdings" });
        var person = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Mere Parata" });

        var added = await xpm.Clients.Relationships.AddAsync(new ClientRelationshipAddRequest
        {
            ClientUuid = company.Uuid,
            RelatedClientUuid = person.Uuid,
            Type = "shareholder",
            NumberOfShares = 1000,
            Percentage = 0,
            StartDate = new DateOnly(2020, 4, 1),
        });
        Assert.NotNull(added?.Uuid);
        Assert.Equal("Shareholder", added!.RelationshipType?.Name);
        Assert.Equal("Mere Parata", added.RelatedClient?.Name);
        Assert.Null(added.Percentage);

        var shown = Assert.Single((await xpm.Clients.GetAsync(company.Uuid!)).Relationships);
        Assert.Equal(added.Uuid, shown.Uuid);
        Assert.Equal("Shareholder", shown.Type);
        Assert.Equal(person.Uuid, shown.RelatedClient?.Uuid);
        Assert.Equal(1000, shown.NumberOfShares);
        Assert.Empty((await xpm.Clients.GetAsync(person.Uuid!)).Relationships);

        var updated = await xpm.Clients.Relationships.UpdateAsync(new ClientRelationshipUpdateRequest { Uuid = added.Uuid, NumberOfShares = 2500, EndDate = new DateOnly(2024, 3, 31) });
        Assert.Equal(2500, updated?.NumberOfShares);
        var afterUpdate = Assert.Single((await xpm.Clients.GetAsync(company.Uuid!)).Relationships);
        Assert.Equal(new DateOnly(2020, 4, 1), afterUpdate.StartDate);
        Assert.Equal(new DateOnly(2024, 3, 31), afterUpdate.EndDate);

        var backwards = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Relationships.UpdateAsync(new ClientRelationshipUpdateRequest { Uuid = added.Uuid, EndDate = new DateOnly(2019, 1, 1) }));
        Assert.Contains("before it starts", backwards.ErrorDescription);
        var badType = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Relationships.AddAsync(new ClientRelationshipAddRequest { ClientUuid = company.Uuid, RelatedClientUuid = person.Uuid, Type = "Cousin" }));
        Assert.Contains("'Cousin' of /Relationship/Type", badType.ErrorDescription);
        var self = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Relationships.AddAsync(new ClientRelationshipAddRequest { ClientUuid = company.Uuid, RelatedClientUuid = company.Uuid, Type = "Director" }));
        Assert.Contains("itself", self.ErrorDescription);
        Assert.Single((await xpm.Clients.GetAsync(company.Uuid!)).Relationships);

        var deleted = await xpm.Clients.Relationships.DeleteAsync(new ClientRelationshipUuidRequest { Uuid = added.Uuid });
        Assert.Equal(added.Uuid, deleted?.Uuid);
        Assert.Empty((await xpm.Clients.GetAsync(company.Uuid!)).Relationships);
        var gone = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Relationships.DeleteAsync(new ClientRelationshipUuidRequest { Uuid = added.Uuid }));
        Assert.Equal("Invalid relationship identifier", gone.ErrorDescription);
    }

    [Scenario]
    public async Task Documents_added_to_a_client_are_listed()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var client = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Harakeke Farms" });

        var uuid = await xpm.Clients.Documents.AddAsync(new ClientDocumentAddRequest
        {
            ClientUuid = client.Uuid,
            Title = "Engagement letter",
            Text = "Signed copy",
            Folder = "Correspondence",
            FileName = "engagement.pdf",
            Content = Convert.ToBase64String("%PDF-1.4 sandbox"u8.ToArray()),
        });

        Assert.False(string.IsNullOrEmpty(uuid));
        var document = Assert.Single(await xpm.Clients.Documents.ListAsync(client.Uuid!));
        Assert.Equal("Engagement letter", document.Title);
        Assert.Equal("Signed copy", document.Text);
        Assert.Equal("Correspondence", document.Folder);
        Assert.Equal("engagement.pdf", document.FileName);
        Assert.Contains(uuid!, document.Url, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(document.Date);

        var notBase64 = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Documents.AddAsync(new ClientDocumentAddRequest { ClientUuid = client.Uuid, Title = "Bad", FileName = "bad.txt", Content = "not base64!" }));
        Assert.Contains("not base64", notBase64.ErrorDescription);
        var unknownClient = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Documents.AddAsync(new ClientDocumentAddRequest { ClientUuid = Guid.NewGuid().ToString(), Title = "T", FileName = "f.txt", Content = "AA==" }));
        Assert.StartsWith("Invalid client identifier", unknownClient.ErrorDescription);
        Assert.Single(await xpm.Clients.Documents.ListAsync(client.Uuid!));
    }

    [Scenario]
    public async Task Client_custom_fields_are_set_and_read_back()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var client = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Manuka Honey Co" });

        await xpm.Clients.UpdateCustomFieldsAsync(client.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = { new CustomFieldValueUpdate { Uuid = ClientTestPractice.ReferenceFieldUuid, Text = "MHC-01" } },
        });

        var value = Assert.Single(await xpm.Clients.GetCustomFieldsAsync(client.Uuid!));
        Assert.Equal("MHC-01", value.Text);
        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.GetCustomFieldsAsync(Guid.NewGuid().ToString()));
        Assert.Equal("Invalid client identifier", unknown.ErrorDescription);
    }
}

/// <summary>
/// A sandbox whose data folder holds two staff members and a text custom field used on clients and contacts, the
/// minimum the client scenarios refer to, so they do not depend on the demo practice's contents.
/// </summary>
internal static class ClientTestPractice
{
    public const string AccountManagerUuid = "0b8c2f6e-5a1d-4c3b-9e7f-1a2b3c4d5e61";
    public const string JobManagerUuid = "0b8c2f6e-5a1d-4c3b-9e7f-1a2b3c4d5e62";
    public const string ReferenceFieldUuid = "0b8c2f6e-5a1d-4c3b-9e7f-1a2b3c4d5e63";

    /// <summary>Two staff members and a text custom field used on clients and contacts; nothing else.</summary>
    public static Task<ArrangedSandbox> StartAsync() => ArrangedSandbox.StartAsync(new Dictionary<string, string>
    {
        ["staff.xml"] = $"""
            <StaffList>
              <Staff><UUID>{AccountManagerUuid}</UUID><Name>Ann Manager</Name></Staff>
              <Staff><UUID>{JobManagerUuid}</UUID><Name>Joe Jobs</Name></Staff>
            </StaffList>
            """,
        ["custom-fields.xml"] = $"""
            <CustomFieldDefinitions>
              <CustomFieldDefinition>
                <UUID>{ReferenceFieldUuid}</UUID><Name>Reference</Name><Type>Text</Type>
                <UseClient>true</UseClient><UseContact>true</UseContact><ValueElement>Text</ValueElement>
              </CustomFieldDefinition>
            </CustomFieldDefinitions>
            """,
    });
}
