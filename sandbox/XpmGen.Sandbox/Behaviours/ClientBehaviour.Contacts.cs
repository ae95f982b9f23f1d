using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// Contacts: one record per person (the contact table) and one link per client they belong to (the client contacts
/// table), which holds the Position and IsPrimary that describe the person at that client. A client has at most one
/// primary contact; making one primary makes the others not.
/// </summary>
/// <remarks>
/// Deleting a contact (without clientUuid) marks it IsDeleted = Yes and unlinks it from every client: it is still
/// read by contact get, as XPM's IsDeleted flag suggests, but left out of the contacts list and client views and
/// refused by every write.
/// </remarks>
internal sealed partial class ClientBehaviour
{
    /// <summary>XPM links at most this many contacts to a client per call.</summary>
    private const int MaxContactsPerLink = 10;

    /// <inheritdoc/>
    public override IEnumerable<Contact> ContactsList(int? pageSize, string? pageToken)
    {
        var current = State.Contacts.All.Where(static contact => contact.IsDeleted != true).ToList();
        return SandboxPage<Contact>.Of(current, pageSize, pageToken, "client.api/contacts").Map(static contact => ContactAt(contact, null));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Without clientUuid, IsPrimary and Position are returned when the contact belongs to exactly one client (XPM only
    /// "guarantees" them with clientUuid). A clientUuid the contact is not linked to returns the contact without them.
    /// </remarks>
    public override Contact ContactsGet(string contactUuid, string? clientUuid)
    {
        var contact = State.Contacts.Get(contactUuid, "contact");
        if (contact.IsDeleted == true)
        {
            return ContactAt(contact, null);
        }

        if (clientUuid is null)
        {
            var links = LinksOf(contact.Uuid!);
            return ContactAt(contact, links.Count == 1 ? links[0].Link : null);
        }

        var client = State.Clients.Get(clientUuid, "client");
        return ContactAt(contact, FindLink(client.Uuid!, contact.Uuid!));
    }

    /// <inheritdoc/>
    public override Contact? ContactsUpdate(string contactUuid, ContactUpdateRequest contact, string? clientUuid)
    {
        var stored = LiveContact(contactUuid);
        var client = ClientNamedFor(contact.Client?.Uuid, clientUuid);
        var changesLink = contact.Position is not null || contact.IsPrimary is not null;
        var owner = changesLink ? LinkToChange(stored, client) : client?.Uuid;

        stored.Name = contact.Name ?? stored.Name;
        stored.Salutation = contact.Salutation ?? stored.Salutation;
        stored.Addressee = contact.Addressee ?? stored.Addressee;
        stored.Mobile = contact.Mobile ?? stored.Mobile;
        stored.Email = contact.Email ?? stored.Email;
        stored.Phone = contact.Phone ?? stored.Phone;
        var link = owner is null ? null
            : changesLink ? Link(owner, new ClientContactLink { Uuid = stored.Uuid, Position = contact.Position, IsPrimary = contact.IsPrimary })
            : FindLink(owner, stored.Uuid!);
        return ContactAt(stored, link);
    }

    /// <inheritdoc/>
    public override Contact? ContactsAdd(ContactAddRequest contact)
    {
        var clientUuid = contact.Client?.Uuid ?? throw SandboxFault.Missing("Contact/Client/UUID");
        var client = SandboxClients.Live(State, clientUuid, "Contact/Client/UUID");
        var fields = SandboxXmlCopy.Convert(contact, "Contact", ContactAddRequestXml.Write, ClientAddContactXml.Read);
        var (created, requested) = NewContact(fields, "Contact/Name");
        State.Contacts.Add(created);
        return ContactAt(created, Link(client.Uuid!, requested));
    }

    /// <inheritdoc/>
    /// <remarks>With clientUuid only the link to that client goes; the contact stays, even when it is left with no client.</remarks>
    public override Contact? ContactsDelete(string contactUuid, string? clientUuid)
    {
        var stored = LiveContact(contactUuid);
        if (clientUuid is not null)
        {
            var client = SandboxClients.Live(State, clientUuid);
            var link = FindLink(client.Uuid!, stored.Uuid!) ?? throw NotLinked(stored, client);
            State.ClientContacts.For(client.Uuid!).Remove(link);
            return ContactAt(stored, null);
        }

        foreach (var (owner, link) in LinksOf(stored.Uuid!))
        {
            State.ClientContacts.For(owner).Remove(link);
        }

        stored.IsDeleted = true;
        return ContactAt(stored, null);
    }

    /// <inheritdoc/>
    /// <remarks>A contact already linked to the client keeps its link, with the Position and IsPrimary sent.</remarks>
    public override Client? ContactsLink(string clientUuid, ClientContactLinkRequest client)
    {
        var stored = SandboxClients.Live(State, clientUuid);
        if (client.Uuid is not null && !SandboxClients.SameId(client.Uuid, stored.Uuid))
        {
            throw new SandboxFault($"The body's /Client/UUID '{client.Uuid}' is not the client of the path, '{clientUuid}'.");
        }

        if (client.Contacts.Count == 0)
        {
            throw SandboxFault.Missing("Client/Contacts/Contact");
        }

        if (client.Contacts.Count > MaxContactsPerLink)
        {
            throw new SandboxFault($"At most {MaxContactsPerLink.ToString(CultureInfo.InvariantCulture)} contacts can be added to a client per request; this one has {client.Contacts.Count.ToString(CultureInfo.InvariantCulture)}.");
        }

        var contacts = client.Contacts
            .Select(item => (Item: item, Contact: LiveContact(item.Uuid ?? throw SandboxFault.Missing("Client/Contacts/Contact/UUID"), "Client/Contacts/Contact/UUID")))
            .ToList();
        foreach (var (item, contact) in contacts)
        {
            Link(stored.Uuid!, new ClientContactLink { Uuid = contact.Uuid, Position = item.Position, IsPrimary = item.IsPrimary });
        }

        return new Client
        {
            Uuid = stored.Uuid,
            Contacts = State.ClientContacts.Of(stored.Uuid!)
                .Select(static link => new Contact { Uuid = link.Uuid, Position = link.Position, IsPrimary = link.IsPrimary ?? false })
                .ToList(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<CustomFieldValue> ContactsGetCustomFields(string contactUuid) =>
        SandboxCustomFields.Get(State, CustomFieldOwnerKind.Contact, State.Contacts.Get(contactUuid, "contact").Uuid!);

    /// <inheritdoc/>
    public override void ContactsUpdateCustomFields(string contactUuid, CustomFieldValuesUpdate customFields) =>
        SandboxCustomFields.Update(State, CustomFieldOwnerKind.Contact, LiveContact(contactUuid).Uuid!, customFields);

    /// <summary>A new contact and the link it asks for (a contact add body is read as a client add body's contact); nothing is stored yet.</summary>
    private static (Contact Contact, ClientContactLink Link) NewContact(ClientAddContact contact, string namePath)
    {
        if (contact.Name is null)
        {
            throw SandboxFault.Missing(namePath);
        }

        var created = new Contact
        {
            Uuid = SandboxPractice.NewUuid(),
            Name = contact.Name,
            Salutation = contact.Salutation,
            Addressee = contact.Addressee,
            Mobile = contact.Mobile,
            Email = contact.Email,
            Phone = contact.Phone,
            IsDeleted = false,
        };
        return (created, new ClientContactLink { Uuid = created.Uuid, Position = contact.Position, IsPrimary = contact.IsPrimary });
    }

    /// <summary>
    /// Links a contact to a client, or changes its existing link: a given Position replaces the old one, IsPrimary = Yes
    /// makes it the client's only primary contact (so of several sent as primary the last wins, as XPM documents).
    /// </summary>
    private ClientContactLink Link(string clientUuid, ClientContactLink requested)
    {
        var links = State.ClientContacts.For(clientUuid);
        var link = links.FirstOrDefault(existing => SandboxClients.SameId(existing.Uuid, requested.Uuid));
        if (link is null)
        {
            link = new ClientContactLink { Uuid = requested.Uuid, IsPrimary = false };
            links.Add(link);
        }

        link.Position = requested.Position ?? link.Position;
        if (requested.IsPrimary == true)
        {
            foreach (var other in links)
            {
                other.IsPrimary = ReferenceEquals(other, link);
            }
        }
        else if (requested.IsPrimary == false)
        {
            link.IsPrimary = false;
        }

        return link;
    }

    /// <summary>
    /// The client whose link to the contact an update's Position or IsPrimary changes: the named client, or without one
    /// the contact's only client. XPM changes them "only for a Contact linked to an existing Client".
    /// </summary>
    private string LinkToChange(Contact contact, Client? client)
    {
        if (client is not null)
        {
            return FindLink(client.Uuid!, contact.Uuid!) is null ? throw NotLinked(contact, client) : client.Uuid!;
        }

        var links = LinksOf(contact.Uuid!);
        return links.Count == 1
            ? links[0].Owner
            : throw new SandboxFault(
                $"Position and IsPrimary can only be updated for a Contact linked to an existing Client; contact '{contact.Uuid}' belongs to {links.Count.ToString(CultureInfo.InvariantCulture)} clients, so name one in /Contact/Client/UUID.");
    }

    /// <summary>The client an update names in its body or its clientUuid parameter (which must agree), or null.</summary>
    private Client? ClientNamedFor(string? bodyClientUuid, string? queryClientUuid)
    {
        if (bodyClientUuid is not null && queryClientUuid is not null && !SandboxClients.SameId(bodyClientUuid, queryClientUuid))
        {
            throw new SandboxFault($"The body's /Contact/Client/UUID '{bodyClientUuid}' and the clientUuid parameter '{queryClientUuid}' name different clients.");
        }

        return bodyClientUuid is not null
            ? SandboxClients.Live(State, bodyClientUuid, "Contact/Client/UUID")
            : queryClientUuid is not null ? SandboxClients.Live(State, queryClientUuid) : null;
    }

    private ClientContactLink? FindLink(string clientUuid, string contactUuid) =>
        State.ClientContacts.Of(clientUuid).FirstOrDefault(link => SandboxClients.SameId(link.Uuid, contactUuid));

    /// <summary>Every client a contact is linked to, with the link.</summary>
    private List<(string Owner, ClientContactLink Link)> LinksOf(string contactUuid) =>
        State.ClientContacts.Owners
            .SelectMany(owner => owner.Value.Where(link => SandboxClients.SameId(link.Uuid, contactUuid)).Select(link => (owner.Key, link)))
            .ToList();

    private Contact LiveContact(string uuid) =>
        State.Contacts.Find(uuid) is { IsDeleted: not true } contact ? contact : throw SandboxFault.InvalidIdentifier("contact");

    private Contact LiveContact(string uuid, string elementPath) =>
        State.Contacts.Find(uuid) is { IsDeleted: not true } contact ? contact : throw SandboxClients.UnknownIn("contact", elementPath, uuid);

    private static SandboxFault NotLinked(Contact contact, Client client) =>
        new($"Contact '{contact.Uuid}' is not linked to client '{client.Uuid}' ({client.Name}).");
}
