using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>client.api's contact operations: add, get, update, link, delete, the paged contacts list and custom fields.</summary>
public sealed class ClientContactScenarioTests
{
    [Scenario]
    public async Task A_contact_is_added_to_a_client_updated_linked_to_another_and_deleted()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var first = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Kauri Builders", Contacts = { new ClientAddContact { Name = "Tama Reid", IsPrimary = true } } });
        var second = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Kauri Property Trust" });

        var added = await xpm.Clients.Contacts.AddAsync(new ContactAddRequest
        {
            Client = new ClientUuidRequest { Uuid = first.Uuid },
            Name = "Lena Hart",
            Email = "lena@kauri.example",
            Position = "Accounts",
            IsPrimary = true,
        });
        Assert.NotNull(added?.Uuid);
        Assert.True(added!.IsPrimary);

        var client = await xpm.Clients.GetAsync(first.Uuid!);
        Assert.Equal(["Tama Reid", "Lena Hart"], client.Contacts.Select(static c => c.Name));
        Assert.Equal([false, true], client.Contacts.Select(static c => c.IsPrimary ?? false));
        Assert.Contains(await xpm.Clients.Contacts.ListAllAsync().ToListAsync(), c => c.Uuid == added.Uuid && c.IsPrimary is null);

        var updated = await xpm.Clients.Contacts.UpdateAsync(added.Uuid!, new ContactUpdateRequest
        {
            Mobile = "021 555 0199",
            Client = new ClientUuidRequest { Uuid = first.Uuid },
            Position = "Finance Manager",
        });
        Assert.Equal("021 555 0199", updated?.Mobile);
        Assert.Equal("Finance Manager", updated?.Position);
        Assert.Equal("lena@kauri.example", updated?.Email);

        var linked = await xpm.Clients.Contacts.LinkAsync(second.Uuid!, new ClientContactLinkRequest
        {
            Contacts = { new ClientContactLink { Uuid = added.Uuid, Position = "Trustee", IsPrimary = true } },
        });
        Assert.Equal(second.Uuid, linked?.Uuid);
        var link = Assert.Single(linked!.Contacts);
        Assert.Equal("Trustee", link.Position);

        var atSecond = await xpm.Clients.Contacts.GetAsync(added.Uuid!, second.Uuid);
        Assert.Equal("Trustee", atSecond.Position);
        var atFirst = await xpm.Clients.Contacts.GetAsync(added.Uuid!, first.Uuid);
        Assert.Equal("Finance Manager", atFirst.Position);
        Assert.Null((await xpm.Clients.Contacts.GetAsync(added.Uuid!)).Position);

        await xpm.Clients.Contacts.DeleteAsync(added.Uuid!, first.Uuid);
        Assert.DoesNotContain((await xpm.Clients.GetAsync(first.Uuid!)).Contacts, c => c.Uuid == added.Uuid);
        Assert.Contains((await xpm.Clients.GetAsync(second.Uuid!)).Contacts, c => c.Uuid == added.Uuid);

        var deleted = await xpm.Clients.Contacts.DeleteAsync(added.Uuid!);
        Assert.True(deleted?.IsDeleted);
        Assert.Empty((await xpm.Clients.GetAsync(second.Uuid!)).Contacts);
        Assert.True((await xpm.Clients.Contacts.GetAsync(added.Uuid!)).IsDeleted);
        Assert.DoesNotContain(await xpm.Clients.Contacts.ListAllAsync(pageSize: 1).ToListAsync(), c => c.Uuid == added.Uuid);
        var refused = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.UpdateAsync(added.Uuid!, new ContactUpdateRequest { Name = "Again" }));
        Assert.Equal("Invalid contact identifier", refused.ErrorDescription);
    }

    [Scenario]
    public async Task Making_a_contact_primary_makes_the_others_not()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var client = await xpm.Clients.AddAsync(new ClientAddRequest
        {
            Name = "Rata Dental",
            Contacts = { new ClientAddContact { Name = "One", IsPrimary = true }, new ClientAddContact { Name = "Two", IsPrimary = true } },
        });
        Assert.Equal([false, true], client.Contacts.Select(static c => c.IsPrimary ?? false));

        await xpm.Clients.Contacts.UpdateAsync(client.Contacts[0].Uuid!, new ContactUpdateRequest { IsPrimary = true });

        var read = await xpm.Clients.GetAsync(client.Uuid!);
        Assert.Equal([true, false], read.Contacts.Select(static c => c.IsPrimary ?? false));
    }

    [Scenario]
    public async Task Refused_contact_writes_say_why_and_change_nothing()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var first = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Nikau Cafe", Contacts = { new ClientAddContact { Name = "Sam Lee" } } });
        var second = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Nikau Catering" });
        var contact = first.Contacts.Single();

        var noClient = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.AddAsync(new ContactAddRequest { Name = "Nobody" }));
        Assert.EndsWith("/Contact/Client/UUID", noClient.ErrorDescription);
        var unknownClient = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.AddAsync(new ContactAddRequest { Name = "Nobody", Client = new ClientUuidRequest { Uuid = Guid.NewGuid().ToString() } }));
        Assert.StartsWith("Invalid client identifier", unknownClient.ErrorDescription);
        var unknownContact = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.GetAsync(Guid.NewGuid().ToString()));
        Assert.Equal("Invalid contact identifier", unknownContact.ErrorDescription);

        var tooMany = new ClientContactLinkRequest();
        tooMany.Contacts.AddRange(Enumerable.Range(0, 11).Select(_ => new ClientContactLink { Uuid = contact.Uuid }));
        var overLimit = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.LinkAsync(second.Uuid!, tooMany));
        Assert.Contains("At most 10", overLimit.ErrorDescription);
        var linkUnknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.LinkAsync(second.Uuid!, new ClientContactLinkRequest
        {
            Contacts = { new ClientContactLink { Uuid = contact.Uuid }, new ClientContactLink { Uuid = Guid.NewGuid().ToString() } },
        }));
        Assert.StartsWith("Invalid contact identifier", linkUnknown.ErrorDescription);
        Assert.Empty((await xpm.Clients.GetAsync(second.Uuid!)).Contacts);

        var notLinked = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.UpdateAsync(contact.Uuid!, new ContactUpdateRequest
        {
            Name = "Samuel Lee",
            Client = new ClientUuidRequest { Uuid = second.Uuid },
            Position = "Chef",
        }));
        Assert.Contains("is not linked to client", notLinked.ErrorDescription);
        Assert.Equal("Sam Lee", (await xpm.Clients.Contacts.GetAsync(contact.Uuid!)).Name);
    }

    [Scenario]
    public async Task Contact_custom_fields_are_set_and_read_back()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var client = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Tui Brewing", Contacts = { new ClientAddContact { Name = "Ria Tane" } } });
        var contact = client.Contacts.Single();

        await xpm.Clients.Contacts.UpdateCustomFieldsAsync(contact.Uuid!, new CustomFieldValuesUpdate
        {
            Fields = { new CustomFieldValueUpdate { Uuid = ClientTestPractice.ReferenceFieldUuid, Text = "RT-7" } },
        });

        var value = Assert.Single(await xpm.Clients.Contacts.GetCustomFieldsAsync(contact.Uuid!));
        Assert.Equal("RT-7", value.Text);
        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Clients.Contacts.UpdateCustomFieldsAsync(Guid.NewGuid().ToString(), new CustomFieldValuesUpdate()));
        Assert.Equal("Invalid contact identifier", unknown.ErrorDescription);
    }
}
