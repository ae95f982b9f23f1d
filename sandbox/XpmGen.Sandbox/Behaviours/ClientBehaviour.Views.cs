using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// The three shapes XPM returns a client in, built from the state: detailed (get, add, update, archive,
/// <c>list?detailed=true</c>), summary (<c>list</c>, <c>search</c>) and base (<c>paged-list</c>).
/// </summary>
internal sealed partial class ClientBehaviour
{
    /// <summary>Every field, with contacts, groups and relationships joined from their tables and names refreshed.</summary>
    private Client Detailed(Client stored)
    {
        var view = SandboxXmlCopy.Copy(stored);
        var uuid = stored.Uuid!;
        view.AccountManager = SandboxClients.RefreshStaff(State, view.AccountManager);
        view.JobManager = SandboxClients.RefreshStaff(State, view.JobManager);
        view.BillingClient = SandboxClients.RefreshClient(State, view.BillingClient);
        view.TaxNumber = MaskTaxNumber(view.TaxNumber);
        view.Contacts = ContactsOf(uuid);
        view.Groups = SandboxClients.GroupsOf(State, uuid).Select(static group => new Reference { Uuid = group.Uuid, Name = group.Name }).ToList();
        view.Relationships = State.ClientRelationships.All
            .Where(relationship => SandboxClients.SameId(relationship.Client?.Uuid, uuid))
            .Select(RelationshipOfClient)
            .ToList();
        return view;
    }

    /// <summary>The fields XPM's <c>list</c> returns without <c>detailed</c>: identity, addresses, flags, account manager, billing terms and contacts.</summary>
    private Client Summary(Client stored)
    {
        var detailed = Detailed(stored);
        return new Client
        {
            Uuid = detailed.Uuid,
            Name = detailed.Name,
            Title = detailed.Title,
            Gender = detailed.Gender,
            FirstName = detailed.FirstName,
            LastName = detailed.LastName,
            OtherName = detailed.OtherName,
            Email = detailed.Email,
            DateOfBirth = detailed.DateOfBirth,
            Address = detailed.Address,
            City = detailed.City,
            Region = detailed.Region,
            PostCode = detailed.PostCode,
            Country = detailed.Country,
            PostalAddress = detailed.PostalAddress,
            PostalCity = detailed.PostalCity,
            PostalRegion = detailed.PostalRegion,
            PostalPostCode = detailed.PostalPostCode,
            PostalCountry = detailed.PostalCountry,
            Phone = detailed.Phone,
            Fax = detailed.Fax,
            Website = detailed.Website,
            ReferralSource = detailed.ReferralSource,
            ExportCode = detailed.ExportCode,
            IsArchived = detailed.IsArchived,
            IsDeleted = detailed.IsDeleted,
            AccountManager = detailed.AccountManager,
            Type = detailed.Type,
            BillingClient = detailed.BillingClient,
            Contacts = detailed.Contacts,
        };
    }

    /// <summary>The detailed fields without contacts, notes, groups or relationships (XPM's ClientBaseDto).</summary>
    private Client Base(Client stored)
    {
        var view = Detailed(stored);
        view.Contacts = [];
        view.Notes = [];
        view.Groups = [];
        view.Relationships = [];
        return view;
    }

    /// <summary>The client's non-deleted contacts in link order, each with its Position and IsPrimary at this client.</summary>
    private List<Contact> ContactsOf(string clientUuid) =>
        State.ClientContacts.Of(clientUuid)
            .Select(link => (Link: link, Contact: State.Contacts.Find(link.Uuid)))
            .Where(static pair => pair.Contact is { IsDeleted: not true })
            .Select(static pair => ContactAt(pair.Contact!, pair.Link))
            .ToList();

    /// <summary>A contact as one client sees it: the contact's fields and the link's Position and IsPrimary.</summary>
    private static Contact ContactAt(Contact contact, ClientContactLink? link)
    {
        var view = SandboxXmlCopy.Copy(contact);
        view.IsPrimary = link is null ? null : link.IsPrimary ?? false;
        view.Position = link?.Position;
        return view;
    }

    /// <summary>XPM shows only the last three characters of a tax number (<c>******123</c>).</summary>
    private static string? MaskTaxNumber(string? taxNumber) =>
        taxNumber is null || taxNumber.Length <= 3 ? taxNumber : new string('*', taxNumber.Length - 3) + taxNumber[^3..];
}
